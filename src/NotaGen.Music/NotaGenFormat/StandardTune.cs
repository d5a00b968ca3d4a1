namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// A tune in standard multi-voice ABC as xml2abc writes it: header lines (fields, <c>%%score</c>, the <c>V:n ...</c>
/// declarations), then one section per voice, each opened by a bare <c>V:n</c> line. NotaGen's rule for where the
/// body starts: the <b>last</b> line that is exactly <c>V:1</c>.
/// </summary>
public sealed record StandardTune(IReadOnlyList<string> HeaderLines, IReadOnlyList<VoiceSection> Voices)
{
    public static StandardTune Parse(string text, string file = "<input>")
    {
        var lines = AbcLines.Split(text);
        var bodyStart = lines.FindLastIndex(line => line.Trim() == "V:1");
        if (bodyStart < 0)
            throw new MusicFormatException(file, "", "no line 'V:1' starts the tune body (NotaGen's format needs numbered voices V:1, V:2, ...)");

        var voices = new List<(string Id, List<string> Lines, int FirstLine)>();
        var current = 0;
        for (var i = bodyStart; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith("V:", StringComparison.Ordinal))
            {
                var id = AbcLines.VoiceId(line);
                current = voices.FindIndex(v => v.Id == id);
                if (current < 0)
                {
                    voices.Add((id, [], i + 1));
                    current = voices.Count - 1;
                }
                // A voice that comes back continues where it left off (standard ABC); it never replaces.
                continue;
            }
            voices[current].Lines.Add(line);
        }

        return new StandardTune(
            lines.Take(bodyStart).ToList(),
            voices.Select(v => new VoiceSection(v.Id, string.Join("\n", v.Lines), v.FirstLine)).ToList());
    }

    /// <summary>The first <c>K:</c> value of the header (the tune's key), or null.</summary>
    public string? HeaderKey =>
        HeaderLines.FirstOrDefault(line => line.StartsWith("K:", StringComparison.Ordinal))?[2..].Trim();
}
