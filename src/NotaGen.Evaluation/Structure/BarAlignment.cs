using NotaGen.Music.Abc.Semantics;

namespace NotaGen.Evaluation.Structure;

/// <summary>
/// NotaGen's bar alignment error (BAE, reference h): the share of bars whose voices' durations disagree. Bar i of the
/// piece is misaligned when some voice lacks bar i or two voices' bar i last differently (exact rational durations).
/// The denominator is the largest bar count of any voice; a one-voice piece has no misaligned bars.
/// </summary>
public static class BarAlignment
{
    public static double Error(AbcTuneSemantics semantics)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var (misaligned, bars) = Count(semantics);
        return bars == 0 ? 0 : (double)misaligned / bars;
    }

    public static (int Misaligned, int Bars) Count(AbcTuneSemantics semantics)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var voices = semantics.Voices.Where(v => v.Bars.Count > 0).ToList();
        var bars = voices.Count == 0 ? 0 : voices.Max(v => v.Bars.Count);
        if (voices.Count < 2)
            return (0, bars);
        var misaligned = 0;
        for (var i = 0; i < bars; i++)
        {
            if (voices.Any(v => v.Bars.Count <= i) || voices.Select(v => v.Bars[i].Duration).Distinct().Count() > 1)
                misaligned++;
        }
        return (misaligned, bars);
    }
}
