using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>One bar of the imported score, in whole notes from the start.</summary>
internal sealed record Bar(Rational Start, Rational Length, int Numerator, int Denominator)
{
    public Rational End => Start + Length;
}

/// <summary>
/// Bars from the file's time-signature map: each meter from its (quantised) time on, 4/4 before the first. A meter
/// change that falls inside a bar cuts that bar short there, as score exports do for pickups (an ASAP score MIDI
/// opens with a 3/16 bar, then 4/4).
/// </summary>
internal sealed class BarMap
{
    private readonly List<Bar> bars = [];
    private readonly List<(Rational Time, int Numerator, int Denominator)> meters;

    public BarMap(IEnumerable<(Rational Time, int Numerator, int Denominator)> meterChanges)
    {
        // The last of several changes at one time wins, as players read them.
        meters = meterChanges.GroupBy(m => m.Time).Select(g => g.Last()).OrderBy(m => m.Time).ToList();
        if (meters.Count == 0 || meters[0].Time.IsPositive)
            meters.Insert(0, (Rational.Zero, 4, 4));
    }

    public IReadOnlyList<Bar> Bars => bars;

    /// <summary>
    /// Adds bars until they reach at least <paramref name="end"/> (and one bar in any case); false, with the bars
    /// made so far, when that would take more than <paramref name="maxBars"/>. <paramref name="cancel"/> is checked for every bar.
    /// </summary>
    public bool Cover(Rational end, int maxBars = int.MaxValue, CancellationToken cancel = default)
    {
        var position = bars.Count > 0 ? bars[^1].End : Rational.Zero;
        while (bars.Count == 0 || position < end)
        {
            cancel.ThrowIfCancellationRequested();
            if (bars.Count >= maxBars)
                return false;
            // The meter in force at this position: the last change at or before it.
            var current = meters.FindLastIndex(m => m.Time <= position);
            var (_, numerator, denominator) = meters[current];
            var length = new Rational(numerator, denominator);
            if (current + 1 < meters.Count && meters[current + 1].Time < position + length)
            {
                // A bar cut short by the next meter is written in its own meter (a 3/8 bar before a 4/4 change in 6/8).
                length = meters[current + 1].Time - position;
                var count = length * denominator;
                (numerator, denominator) = count.IsInteger ? ((int)count.Numerator, denominator) : ((int)length.Numerator, (int)length.Denominator);
            }
            bars.Add(new Bar(position, length, numerator, denominator));
            position += length;
        }
        return true;
    }

    /// <summary>The index of the bar holding <paramref name="time"/> (the last bar for times past the end).</summary>
    public int IndexOf(Rational time)
    {
        int lo = 0, hi = bars.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (bars[mid].Start <= time)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }
}
