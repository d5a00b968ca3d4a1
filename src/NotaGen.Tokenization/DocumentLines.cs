namespace NotaGen.Tokenization;

/// <summary>
/// A NotaGen document cut into header lines (prompt lines, <c>%%score</c>, <c>L:</c> <c>M:</c> <c>K:</c>, <c>V:</c>
/// declarations) and tune-body lines. Blank lines are dropped and every line keeps its <c>\n</c>, except that a
/// generate-mode text may end in an unfinished line.
/// </summary>
public sealed record DocumentLines(IReadOnlyList<string> Header, IReadOnlyList<string> Body)
{
    /// <summary>
    /// The training split: the body starts at the first line containing <c>[V:</c> (NotaGen's fine-tuning and
    /// inference copies; the pre-training copy used <c>StartsWith</c>). Every line gets a <c>\n</c>. Without any such
    /// line the last line counts as the body, as in the reference (its index -1).
    /// </summary>
    public static DocumentLines ForTraining(string text)
    {
        var lines = NonEmptyLines(text).Select(line => line + "\n").ToList();
        var bodyStart = lines.FindIndex(line => line.Contains("[V:", StringComparison.Ordinal));
        if (bodyStart < 0)
            bodyStart = Math.Max(0, lines.Count - 1);
        return new DocumentLines(lines[..bodyStart], lines[bodyStart..]);
    }

    /// <summary>
    /// The generation split: the body starts at the first line beginning with <c>[V:</c> or <c>[r:</c>. Header lines
    /// get their <c>\n</c>; the last line keeps none when the text does not end with one (it is being written). Without
    /// a body every line is header.
    /// </summary>
    public static DocumentLines ForGeneration(string text)
    {
        var lines = NonEmptyLines(text).ToList();
        var bodyStart = lines.FindIndex(line =>
            line.StartsWith("[V:", StringComparison.Ordinal) || line.StartsWith("[r:", StringComparison.Ordinal));
        if (bodyStart < 0)
            bodyStart = lines.Count;
        var openEnd = !text.EndsWith('\n');
        var withNewlines = lines.Select((line, i) => openEnd && i == lines.Count - 1 ? line : line + "\n").ToList();
        return new DocumentLines(withNewlines[..bodyStart], withNewlines[bodyStart..]);
    }

    private static IEnumerable<string> NonEmptyLines(string text) =>
        text.Split('\n').Where(line => line.Length > 0);
}
