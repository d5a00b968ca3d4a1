using System.Text.RegularExpressions;

namespace NotaGen.Tokenization;

/// <summary>
/// The <c>[r:i/j]</c> bar counters NotaGen's training encoder puts in front of every tune-body line: i = the line's
/// 0-based index, j = the number of lines after it (reference a.3), so the model always knows how far it is from the end.
/// </summary>
public static partial class BarCounters
{
    [GeneratedRegex(@"^\[r:\d+/\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Counter();

    /// <summary>The counter for line <paramref name="index"/> of <paramref name="lineCount"/>: <c>[r:index/remaining]</c>.</summary>
    public static string For(int index, int lineCount) => $"[r:{index}/{lineCount - 1 - index}]";

    /// <summary>Prefixes every line with its counter.</summary>
    public static IReadOnlyList<string> Add(IReadOnlyList<string> bodyLines) =>
        bodyLines.Select((line, i) => For(i, bodyLines.Count) + line).ToList();

    /// <summary>The line without a leading counter (unchanged when it has none).</summary>
    public static string Strip(string line) => Counter().Replace(line, "", 1);

    /// <summary>A whole document with the counter removed from the start of every line.</summary>
    public static string StripAll(string text) =>
        string.Join('\n', text.Split('\n').Select(Strip));

    /// <summary>True when the line starts with a counter.</summary>
    public static bool HasCounter(string line) => Counter().IsMatch(line);
}
