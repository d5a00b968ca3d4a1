using System.Text.RegularExpressions;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// The <c>[r:i/j]</c> bar counters NotaGen's tokenizer puts before every tune-body line during training:
/// i = 0-based line index, j = lines remaining after this one (counted after rest reduction, empty lines gone).
/// </summary>
public static partial class BarCounters
{
    public static string Counter(int index, int count) => $"[r:{index}/{count - 1 - index}]";

    /// <summary>Each line prefixed with its counter; lines are body lines without newlines.</summary>
    public static IReadOnlyList<string> Add(IReadOnlyList<string> bodyLines)
    {
        var result = new string[bodyLines.Count];
        for (var i = 0; i < bodyLines.Count; i++)
            result[i] = Counter(i, bodyLines.Count) + bodyLines[i];
        return result;
    }

    /// <summary>The line without a leading <c>[r:...]</c> counter (unchanged when it has none).</summary>
    public static string Strip(string line) => Leading().Replace(line, "", 1);

    /// <summary>Every line of <paramref name="text"/> without its leading counter.</summary>
    public static string StripAll(string text) => string.Join('\n', text.Split('\n').Select(Strip));

    /// <summary>Reads a leading counter: (index, remaining), or null when the line has none or it is malformed.</summary>
    public static (int Index, int Remaining)? Read(string line)
    {
        var match = LeadingNumbers().Match(line);
        if (!match.Success)
            return null;
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\[r:[^\]]*\]")]
    private static partial Regex Leading();

    [GeneratedRegex(@"^\[r:(\d{1,9})/(\d{1,9})\]")]
    private static partial Regex LeadingNumbers();
}
