namespace NotaGen.Music.NotaGenFormat;

/// <summary>One voice's bar on an interleaved line: <c>[V:2]C,4|</c> → id <c>2</c>, text <c>C,4|</c>.</summary>
public sealed record VoiceSegment(string Id, string Text, int Column);

/// <summary>One tune-body line of interleaved ABC (one bar of every voice present), with its source line number.</summary>
public sealed record InterleavedLine(int LineNumber, string? Counter, string Lead, IReadOnlyList<VoiceSegment> Segments)
{
    public VoiceSegment? Find(string id) => Segments.FirstOrDefault(s => s.Id == id);
}

/// <summary>
/// NotaGen's interleaved ABC read into header lines and bar lines. The body starts at the first line holding
/// <c>[V:</c> (NotaGen's rule); <c>[r:i/j]</c> counters are taken off and kept; blank lines are skipped.
/// </summary>
public sealed record InterleavedTune(IReadOnlyList<string> HeaderLines, IReadOnlyList<InterleavedLine> Lines)
{
    public static InterleavedTune Parse(string text, string file = "<input>")
    {
        var lines = AbcLines.Split(text);
        var bodyStart = lines.FindIndex(line => line.Contains("[V:", StringComparison.Ordinal));
        if (bodyStart < 0)
            throw new MusicFormatException(file, "", "no interleaved tune body: no line holds a '[V:' voice marker");

        var body = new List<InterleavedLine>();
        for (var i = bodyStart; i < lines.Count; i++)
        {
            var raw = lines[i];
            if (raw.Trim().Length == 0)
                continue;
            var stripped = BarCounters.Strip(raw);
            var counter = stripped.Length == raw.Length ? null : raw[..(raw.Length - stripped.Length)];
            var offset = raw.Length - stripped.Length;
            var markers = VoiceMarkers(stripped);
            if (markers.Count == 0)
                throw new MusicFormatException(file, $"{i + 1}:1", "a tune-body line without any '[V:n]' voice marker");

            var segments = new List<VoiceSegment>(markers.Count);
            for (var m = 0; m < markers.Count; m++)
            {
                var end = m + 1 < markers.Count ? markers[m + 1].Start : stripped.Length;
                segments.Add(new VoiceSegment(markers[m].Id, stripped[markers[m].End..end], offset + markers[m].Start + 1));
            }
            body.Add(new InterleavedLine(i + 1, counter, stripped[..markers[0].Start], segments));
        }
        return new InterleavedTune(lines.Take(bodyStart).ToList(), body);
    }

    /// <summary>Voice ids declared by header <c>V:</c> lines, in declaration order.</summary>
    public IReadOnlyList<string> DeclaredVoices =>
        HeaderLines.Where(line => line.StartsWith("V:", StringComparison.Ordinal)).Select(AbcLines.VoiceId).Distinct().ToList();

    /// <summary>Voice ids in the order they first appear in the body.</summary>
    public IReadOnlyList<string> BodyVoices =>
        Lines.SelectMany(line => line.Segments).Select(s => s.Id).Distinct().ToList();

    /// <summary>The <c>[V:id ...]</c> markers of a line: where each starts and ends, and the voice id.</summary>
    private static List<(int Start, int End, string Id)> VoiceMarkers(string line)
    {
        var markers = new List<(int, int, string)>();
        for (var at = line.IndexOf("[V:", StringComparison.Ordinal); at >= 0; at = line.IndexOf("[V:", at + 1, StringComparison.Ordinal))
        {
            var close = line.IndexOf(']', at);
            if (close < 0)
                break;
            var idEnd = at + 3;
            while (idEnd < close && !char.IsWhiteSpace(line[idEnd]))
                idEnd++;
            markers.Add((at, close + 1, line[(at + 3)..idEnd]));
            at = close;
        }
        return markers;
    }
}
