using System.Text;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// Standard multi-voice ABC → NotaGen's interleaved ABC ("rotate", reference a.2): the header unchanged, then one
/// line per bar holding every voice's bar as <c>[V:n]text|</c>, voices in the order their bodies appear.
/// Bar 0 of each voice also carries the voice's prefix (<c>[K:..]</c> etc.) and its left barline.
/// </summary>
public static class Interleaver
{
    public static string Interleave(string standardAbc, InterleaveOptions? options = null, string file = "<input>") =>
        Interleave(StandardTune.Parse(standardAbc, file), options, file);

    public static string Interleave(StandardTune tune, InterleaveOptions? options = null, string file = "<input>")
    {
        options ??= InterleaveOptions.Plain;
        var voices = tune.Voices.Select(voice => (voice.Id, Bars: voice.SplitBars())).ToList();
        CheckBarCounts(tune, voices.Select(v => v.Bars).ToList(), file);

        var bodyLines = new List<string>();
        var barCount = voices.Count == 0 ? 0 : voices[0].Bars.Bars.Count;
        for (var i = 0; i < barCount; i++)
        {
            var line = new StringBuilder();
            foreach (var (id, bars) in voices)
            {
                var bar = bars.Bars[i];
                if (options.ReduceRests && RestReduction.IsRestOnly(bar.Text))
                    continue;
                line.Append("[V:").Append(id).Append(']');
                if (i == 0)
                    line.Append(bars.Prefix).Append(bars.LeftBarline);
                line.Append(bar.Text).Append(bar.RightBarline);
            }
            // A line where every voice rests is empty after reduction; NotaGen's tokenizer drops it.
            if (line.Length > 0)
                bodyLines.Add(line.ToString());
        }

        var body = options.BarCounters ? BarCounters.Add(bodyLines) : bodyLines;
        var output = new StringBuilder();
        if (options.Prompt is not null)
            output.Append(options.Prompt.ToText());
        foreach (var line in tune.HeaderLines)
            output.Append(line).Append('\n');
        foreach (var line in body)
            output.Append(line).Append('\n');
        return output.ToString();
    }

    /// <summary>NotaGen's alignment rule (check_alignment_unrotated, bar_no_equal): every voice has V:1's bar count.</summary>
    internal static void CheckBarCounts(StandardTune tune, IReadOnlyList<VoiceBars> bars, string file)
    {
        if (bars.Count == 0)
            throw new MusicFormatException(file, "", "the tune has no voices");
        for (var v = 1; v < bars.Count; v++)
        {
            if (bars[v].Bars.Count == bars[0].Bars.Count)
                continue;
            var voice = tune.Voices[v];
            throw new MusicFormatException(file, $"{voice.FirstLine}:1",
                $"voice V:{voice.Id} has {bars[v].Bars.Count} bars but V:{tune.Voices[0].Id} has {bars[0].Bars.Count}; " +
                "NotaGen's format needs the same number of bars in every voice");
        }
    }
}
