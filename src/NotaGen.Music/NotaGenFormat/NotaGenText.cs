namespace NotaGen.Music.NotaGenFormat;

/// <summary>NotaGen's training form of a piece: cleaned, interleaved, rest-reduced, with <c>[r:]</c> bar counters.</summary>
public static class NotaGenText
{
    /// <summary>
    /// Standard ABC in NotaGen's form; a piece NotaGen's cleaning rejects is a <see cref="MusicFormatException"/>
    /// naming <paramref name="source"/>.
    /// </summary>
    public static string FromStandardAbc(string abc, string source)
    {
        var cleaned = Cleaner.Clean(abc, source);
        if (cleaned.IsRejected)
            throw new MusicFormatException(source, "", $"rejected by NotaGen's cleaning: {cleaned.Rejection}");
        return Interleaver.Interleave(cleaned.Text!, new InterleaveOptions { ReduceRests = true, BarCounters = true }, source);
    }

    /// <summary>True for text in NotaGen's interleaved form: some line starts with <c>[V:</c> or <c>[r:</c> (every voice's bar on one line).</summary>
    public static bool IsInterleaved(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n').Any(line => line.StartsWith("[V:", StringComparison.Ordinal) || line.StartsWith("[r:", StringComparison.Ordinal));
    }
}
