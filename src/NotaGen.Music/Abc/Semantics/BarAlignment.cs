namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// NotaGen's bar alignment error (BAE, reference h): the share of bars whose voices' durations disagree. Bar i is
/// aligned when every voice that has content has a bar i and all those bars last the same; a bar that only some voices
/// have counts as misaligned. A single-voice piece has no misaligned bars.
/// </summary>
/// <param name="Bars">Bars compared: the largest bar count of any voice.</param>
/// <param name="MisalignedBars">Bars whose voices disagree in duration or presence.</param>
public sealed record BarAlignment(int Bars, int MisalignedBars)
{
    /// <summary>Misaligned bars / bars, in [0, 1]; 0 for a piece without bars.</summary>
    public double Error => Bars == 0 ? 0 : (double)MisalignedBars / Bars;

    public static BarAlignment Of(AbcTuneSemantics semantics)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var voices = semantics.Voices.Where(v => v.Bars.Count > 0).ToList();
        var bars = voices.Count == 0 ? 0 : voices.Max(v => v.Bars.Count);
        if (voices.Count < 2)
            return new BarAlignment(bars, 0);
        var misaligned = 0;
        for (var i = 0; i < bars; i++)
        {
            var present = voices.Where(v => i < v.Bars.Count).Select(v => v.Bars[i].Duration).ToList();
            if (present.Count < voices.Count || present.Distinct().Count() > 1)
                misaligned++;
        }
        return new BarAlignment(bars, misaligned);
    }
}
