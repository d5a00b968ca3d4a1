namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// The barline vocabulary NotaGen's format splits bars at (abctoolkit's set), longest first so that a regular
/// expression alternation takes <c>||:</c> before <c>||</c> before <c>|</c>. Voltas such as <c>[1</c> are not
/// barlines here: a volta number after a barline is glued onto the barline by <see cref="BarSplitter"/>.
/// </summary>
public static class NotaGenBarlines
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

    /// <summary>
    /// Splits like Python's <c>re.split</c> with the barline alternation as a capturing group: text, barline, text,
    /// ..., text. At each position the first barline of <see cref="All"/> that matches is taken (longest first).
    /// </summary>
    public static List<string> SplitKeepingBarlines(string text)
    {
        var parts = new List<string>();
        var textStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var barline = text[i] is '|' or ':' or '[' ? BarlineAt(text, i) : null;
            if (barline is null)
            {
                i++;
                continue;
            }
            parts.Add(text[textStart..i]);
            parts.Add(barline);
            i += barline.Length;
            textStart = i;
        }
        parts.Add(text[textStart..]);
        return parts;
    }

    private static string? BarlineAt(string text, int at)
    {
        var rest = text.AsSpan(at);
        foreach (var barline in All)
            if (rest.StartsWith(barline, StringComparison.Ordinal))
                return barline;
        return null;
    }
}
