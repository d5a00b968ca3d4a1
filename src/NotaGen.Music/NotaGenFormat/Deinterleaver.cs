using System.Text;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// Interleaved ABC → standard ABC with one section per voice (<c>V:n</c> then its bars), the inverse of
/// <see cref="Interleaver"/>. Every voice must be present in every line: rest-reduced text must first go through
/// <see cref="RestUnreducer"/>, otherwise the voices would slip out of step.
/// The result is a tune on its own: NotaGen's format drops <c>X:</c>, which ABC 2.1 requires to start a tune (abc2midi
/// processes nothing without it), so <c>X:1</c> is written first when the header has none.
/// </summary>
public static class Deinterleaver
{
    /// <summary>Music lines are wrapped near this width (bars are never split), as abctoolkit's unrotate does.</summary>
    public const int LineWidth = 100;

    public static string Deinterleave(string interleavedAbc, string file = "<input>") =>
        Deinterleave(InterleavedTune.Parse(interleavedAbc, file), file);

    public static string Deinterleave(InterleavedTune tune, string file = "<input>")
    {
        var voices = tune.BodyVoices;
        var bars = voices.ToDictionary(id => id, _ => new List<string>());
        foreach (var line in tune.Lines)
        {
            foreach (var id in voices)
            {
                var segment = line.Find(id) ?? throw new MusicFormatException(file, $"{line.LineNumber}:1",
                    $"voice V:{id} is missing from this line: the text is rest-reduced; restore the rests first (rest unreduce)");
                bars[id].Add(segment.Text.Trim());
            }
        }

        var output = new StringBuilder();
        if (!tune.HeaderLines.Any(line => line.StartsWith("X:", StringComparison.Ordinal)))
            output.Append("X:1\n");
        foreach (var header in tune.HeaderLines)
            output.Append(header).Append('\n');
        foreach (var id in voices)
        {
            output.Append("V:").Append(id).Append('\n');
            // Every bar is preceded by a space (as abctoolkit's unrotate writes), including the first of a line.
            var width = 0;
            foreach (var bar in bars[id])
            {
                if (width > 0 && width + bar.Length + 1 > LineWidth)
                {
                    // The continuation line starts with a space so a volta number ending the previous line
                    // ("|1") is not read together with a staccato dot starting this one ("|1.").
                    output.Append('\n');
                    width = 0;
                }
                output.Append(' ');
                width++;
                output.Append(bar);
                width += bar.Length;
            }
            output.Append('\n');
        }
        return output.ToString();
    }
}
