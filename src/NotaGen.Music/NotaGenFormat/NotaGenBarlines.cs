using System.Text.RegularExpressions;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// The barline vocabulary NotaGen's format splits bars at (abctoolkit's set), longest first so that a regular
/// expression alternation takes <c>||:</c> before <c>||</c> before <c>|</c>. Voltas such as <c>[1</c> are not
/// barlines here: a volta number after a barline is glued onto the barline by <see cref="BarSplitter"/>.
/// </summary>
public static partial class NotaGenBarlines
{
    public static readonly IReadOnlyList<string> All =
        ["||:", ":||", "[|:", ":|]", "|]:", ":[|", "|:", "::", ":|", "[|", "||", "|]", "|"];

    /// <summary>True when <paramref name="text"/> contains any barline string (used to drop quoted text).</summary>
    public static bool ContainedIn(string text)
    {
        foreach (var barline in All)
            if (text.Contains(barline, StringComparison.Ordinal))
                return true;
        return false;
    }

    public static bool IsBarline(string text) => All.Contains(text);

    /// <summary>Splits like Python's <c>re.split</c> with a capturing group: text, barline, text, ..., text.</summary>
    public static string[] SplitKeepingBarlines(string text) => BarlinePattern().Split(text);

    [GeneratedRegex(@"(\|\|:|:\|\||\[\|:|:\|\]|\|\]:|:\[\||\|:|::|:\||\[\||\|\||\|\]|\|)")]
    private static partial Regex BarlinePattern();
}
