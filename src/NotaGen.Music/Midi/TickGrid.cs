using System.Numerics;
using NotaGen.Music.Time;

namespace NotaGen.Music.Midi;

/// <summary>
/// Exact conversion from musical time (whole notes) to MIDI ticks. A time n/d whole notes lies on the grid of q
/// ticks per quarter when 4·q·n/d is an integer, i.e. when d / gcd(d, 4) divides q; the least q for a set of times
/// is the least common multiple of those factors, taken together with the preferred resolution.
/// </summary>
public sealed class TickGrid
{
    public TickGrid(int ticksPerQuarter)
    {
        if (ticksPerQuarter is < 1 or > MidiLimits.MaxTicksPerQuarter)
            throw new ArgumentOutOfRangeException(nameof(ticksPerQuarter), ticksPerQuarter, $"Ticks per quarter must be 1..{MidiLimits.MaxTicksPerQuarter}.");
        TicksPerQuarter = ticksPerQuarter;
    }

    public int TicksPerQuarter { get; }

    public bool Represents(Rational time) => TicksPerQuarter % RequiredFactor(time) == 0;

    /// <summary>The tick of <paramref name="time"/>; throws <see cref="MidiExportException"/> when it lies between ticks.</summary>
    public long ToTicks(Rational time, Func<string> what)
    {
        var ticks = time * (4L * TicksPerQuarter);
        if (!ticks.IsInteger)
            throw new MidiExportException($"{what()} at {time} whole notes falls between ticks at {TicksPerQuarter} ticks per quarter.");
        return ticks.Numerator;
    }

    /// <summary>
    /// The least multiple of <paramref name="preferred"/> on which every time lies, or null when that exceeds the
    /// 15 bits the file's division field holds.
    /// </summary>
    /// <param name="cancel">Checked for every time.</param>
    public static int? Fitting(IEnumerable<Rational> times, int preferred = MidiExportOptions.DefaultTicksPerQuarter, CancellationToken cancel = default)
    {
        BigInteger least = preferred;
        foreach (var time in times)
        {
            cancel.ThrowIfCancellationRequested();
            var factor = RequiredFactor(time);
            if (least % factor != 0)
                least = least / BigInteger.GreatestCommonDivisor(least, factor) * factor;
            if (least > MidiLimits.MaxTicksPerQuarter)
                return null;
        }
        return (int)least;
    }

    private static long RequiredFactor(Rational time) =>
        time.Denominator / (long)BigInteger.GreatestCommonDivisor(time.Denominator, 4);
}
