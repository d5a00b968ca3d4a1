using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>A note on the notation grid, in whole notes from the start.</summary>
internal sealed record QuantisedNote(int Key, Rational Onset, Rational End, int Velocity)
{
    public Rational Duration => End - Onset;
}

/// <summary>
/// Snaps note onsets and ends to a grid chosen beat by beat: quarter-note windows from each bar's start use the
/// straight grid (1/16 by default) unless the triplet grid (1/24, holding 1/12) fits the times in that window markedly better.
/// Ends snap like onsets, so notes that end together still do; a note that would vanish keeps one grid step.
/// </summary>
internal sealed class Quantizer
{
    private static readonly Rational Beat = new(1, 4);

    private readonly List<(Rational Start, Rational End, Rational Step)> windows = [];

    private Quantizer()
    {
    }

    /// <summary>The windows that snap to triplets: the writer marks their notes as tuplets.</summary>
    public IEnumerable<(Rational Start, Rational End)> TripletWindows(MidiImportOptions options) =>
        windows.Where(w => w.Step == options.TripletGrid && options.TripletGrid != options.Grid).Select(w => (w.Start, w.End));

    /// <summary>Chooses each window's grid from the raw times that fall in it.</summary>
    /// <param name="cancel">Checked for every window: a piece of a million bars is given up on promptly.</param>
    public static Quantizer Build(IReadOnlyList<Bar> bars, IReadOnlyList<Rational> rawTimes, MidiImportOptions options, CancellationToken cancel = default)
    {
        var quantizer = new Quantizer();
        var sorted = rawTimes.Order().ToArray();
        var next = 0;
        foreach (var bar in bars)
        {
            for (var start = bar.Start; start < bar.End; start += Beat)
            {
                cancel.ThrowIfCancellationRequested();
                var end = Rational.Min(start + Beat, bar.End);
                var from = next;
                while (next < sorted.Length && sorted[next] < end)
                    next++;
                var times = sorted.AsSpan(from, next - from);
                quantizer.windows.Add((start, end, ChooseStep(start, end, times, options)));
            }
        }
        return quantizer;
    }

    private static Rational ChooseStep(Rational start, Rational end, ReadOnlySpan<Rational> times, MidiImportOptions options)
    {
        var triplet = options.TripletGrid;
        if (!options.DetectTriplets || times.Length < 2 || !((end - start) / triplet).IsInteger)
            return options.Grid;
        double straightError = 0, tripletError = 0;
        foreach (var time in times)
        {
            straightError += Error(time - start, options.Grid);
            tripletError += Error(time - start, triplet);
        }
        // A window that the straight grid already fits to within 1% of a step has no reason to change.
        if (straightError <= 0.01 * options.Grid.ToDouble() * times.Length)
            return options.Grid;
        return tripletError < options.TripletPreference * straightError ? triplet : options.Grid;
    }

    private static double Error(Rational offset, Rational step)
    {
        var x = (offset / step).ToDouble();
        return Math.Abs(x - Math.Round(x)) * step.ToDouble();
    }

    /// <summary>The grid point nearest <paramref name="time"/> in the grid of its window.</summary>
    public Rational Snap(Rational time)
    {
        var (start, _, step) = WindowOf(time);
        var steps = (time - start) / step;
        var rounded = (steps + new Rational(1, 2)).Floor();
        return start + step * rounded;
    }

    /// <summary>The grid step in force at <paramref name="time"/>.</summary>
    public Rational StepAt(Rational time) => WindowOf(time).Step;

    private (Rational Start, Rational End, Rational Step) WindowOf(Rational time)
    {
        int lo = 0, hi = windows.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (windows[mid].Start <= time)
                lo = mid;
            else
                hi = mid - 1;
        }
        return windows[lo];
    }

    /// <param name="cancel">Checked for every note.</param>
    public List<QuantisedNote> Quantise(IEnumerable<PerformedNote> notes, int ticksPerQuarter, CancellationToken cancel = default)
    {
        var result = new List<QuantisedNote>();
        foreach (var note in notes)
        {
            cancel.ThrowIfCancellationRequested();
            var onset = Snap(new Rational(note.OnTick, 4L * ticksPerQuarter));
            var end = Snap(new Rational(note.OffTick, 4L * ticksPerQuarter));
            if (end <= onset)
                end = onset + StepAt(onset);
            result.Add(new QuantisedNote(note.Key, onset, end, note.Velocity));
        }
        return result;
    }
}
