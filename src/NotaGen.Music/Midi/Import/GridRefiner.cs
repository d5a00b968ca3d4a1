using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>
/// The grid chosen from the data: a MIDI file written from notation (a score MIDI) has its onsets exactly on the
/// notated grid, so when some of them miss <see cref="MidiImportOptions.Grid"/> (and its triplets) but nearly all
/// sit on half or a quarter of it, that finer grid is used; 32nd notes then stay 32nd notes. A performance's onsets sit on no grid
/// (a random time hits one within the tolerance a few percent of the time), so it keeps the grid it was given.
/// </summary>
internal static class GridRefiner
{
    /// <summary>The share of onsets that must sit on a grid for the file to count as written on it.</summary>
    public const double OnGridShare = 0.8;

    private const int MaxHalvings = 2;

    /// <param name="cancel">Checked for every onset measured.</param>
    public static Rational Choose(IReadOnlyCollection<long> onTicks, int ticksPerQuarter, MidiImportOptions options, CancellationToken cancel = default)
    {
        if (!options.RefineGrid || onTicks.Count == 0)
            return options.Grid;
        var best = options.Grid;
        var bestShare = Share(onTicks, ticksPerQuarter, best, options, cancel);
        for (var halving = 1; halving <= MaxHalvings && bestShare < 1; halving++)
        {
            var finer = options.Grid / (1 << halving);
            // A step of a tick or two puts every tick on the grid: that says nothing about the file.
            if ((finer * 4 * ticksPerQuarter * new Rational(2, 3)).ToDouble() < 4)
                break;
            var share = Share(onTicks, ticksPerQuarter, finer, options, cancel);
            // Finer only where it holds nearly every onset and at least halves the onsets off the grid.
            if (share >= OnGridShare && 1 - share <= (1 - bestShare) / 2)
                (best, bestShare) = (finer, share);
        }
        return best;
    }

    /// <summary>The share of onsets within a small tolerance (1/32 of a step, at least exact) of the straight or triplet grid.</summary>
    private static double Share(IReadOnlyCollection<long> onTicks, int ticksPerQuarter, Rational grid, MidiImportOptions options, CancellationToken cancel)
    {
        var wholeNote = 4L * ticksPerQuarter;
        var steps = options.DetectTriplets ? new[] { grid, grid * new Rational(2, 3) } : [grid];
        var on = 0;
        foreach (var tick in onTicks)
        {
            cancel.ThrowIfCancellationRequested();
            foreach (var step in steps)
            {
                var stepTicks = (step * wholeNote).ToDouble();
                var x = tick / stepTicks;
                if (Math.Abs(x - Math.Round(x)) * stepTicks <= Math.Floor(stepTicks / 32) + 1e-9)
                {
                    on++;
                    break;
                }
            }
        }
        return (double)on / onTicks.Count;
    }
}
