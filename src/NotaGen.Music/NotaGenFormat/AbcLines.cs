namespace NotaGen.Music.NotaGenFormat;

/// <summary>Line handling shared by the format's readers: lines without their terminators, CRLF accepted.</summary>
internal static class AbcLines
{
    public static List<string> Split(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1); // the final newline ends the last line, it does not start one
        return lines;
    }

    /// <summary>A header field line such as <c>K:D</c> or <c>V:1 treble</c> (letter, colon).</summary>
    public static bool IsFieldLine(string line) => line.Length >= 2 && char.IsAsciiLetter(line[0]) && line[1] == ':';

    /// <summary>The voice id of a <c>V:</c> line: <c>V:2 bass nm="x"</c> → <c>2</c>.</summary>
    public static string VoiceId(string voiceLine)
    {
        var rest = voiceLine[2..].TrimStart();
        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
            end++;
        return rest[..end];
    }
}
