namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// The three conditioning lines of a fine-tuning document (reference a.3, b): <c>%Period</c>, <c>%Composer</c>,
/// <c>%Instrumentation</c>, before everything else. A prompt line is a comment with one <c>%</c> (not <c>%%</c>).
/// The triple they encode is a <see cref="StylePrompt"/>.
/// </summary>
public static class PromptLines
{
    /// <summary>Prompt lines (without their <c>%</c>) as they open a document: each with its <c>%</c> and a newline.</summary>
    public static string Write(IEnumerable<string> lines) => string.Concat(lines.Select(line => $"%{line}\n"));

    public static bool IsPromptLine(string line) =>
        line.StartsWith('%') && !line.StartsWith("%%", StringComparison.Ordinal);

    /// <summary>The prompt read from the first three lines of a document, or null when they are not prompt lines.</summary>
    public static StylePrompt? Read(string document)
    {
        var lines = AbcLines.Split(document);
        if (lines.Count < 3 || !lines.Take(3).All(IsPromptLine))
            return null;
        return new StylePrompt(lines[0][1..], lines[1][1..], lines[2][1..]);
    }

    /// <summary>The document without its leading prompt lines (Gradio drops every single-<c>%</c> line).</summary>
    public static string Remove(string document) =>
        string.Concat(AbcLines.Split(document).Where(line => !IsPromptLine(line)).Select(line => line + "\n"));

    /// <summary>
    /// The document without its three leading prompt lines, everything else byte for byte (unlike <see cref="Remove"/>,
    /// a single-<c>%</c> comment further down stays); a document that does not start with prompt lines is returned as is.
    /// </summary>
    public static string RemoveLeading(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (Read(document) is null) return document;
        var start = 0;
        for (var line = 0; line < 3; line++)
        {
            var end = document.IndexOf('\n', start);
            if (end < 0) return "";
            start = end + 1;
        }
        return document[start..];
    }
}
