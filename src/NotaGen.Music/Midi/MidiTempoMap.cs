namespace NotaGen.Music.Midi;

/// <summary>
/// Seconds from ticks through a file's tempo changes (from every track, as format 1 players do); 120 beats per
/// minute until the first tempo event, as the standard says.
/// </summary>
public sealed class MidiTempoMap
{
    public const int DefaultMicrosecondsPerQuarter = 500_000;

    private readonly long[] ticks;
    private readonly double[] seconds;
    private readonly int[] tempi;
    private readonly int ticksPerQuarter;

    public MidiTempoMap(MidiFile file)
    {
        ticksPerQuarter = file.TicksPerQuarter;
        var changes = file.Tracks.SelectMany(t => t.Events).OfType<SetTempoEvent>()
            .OrderBy(e => e.Tick)
            .ToList();
        var t = new List<long> { 0 };
        var s = new List<double> { 0 };
        var q = new List<int> { DefaultMicrosecondsPerQuarter };
        foreach (var change in changes)
        {
            var at = Seconds(change.Tick, t[^1], s[^1], q[^1]);
            if (change.Tick == t[^1])
            {
                q[^1] = change.MicrosecondsPerQuarter; // the later of two changes at one tick wins
                continue;
            }
            t.Add(change.Tick);
            s.Add(at);
            q.Add(change.MicrosecondsPerQuarter);
        }
        ticks = [.. t];
        seconds = [.. s];
        tempi = [.. q];
    }

    public double ToSeconds(long tick)
    {
        var index = Array.BinarySearch(ticks, tick);
        if (index < 0)
            index = ~index - 1;
        index = Math.Max(index, 0);
        return Seconds(tick, ticks[index], seconds[index], tempi[index]);
    }

    private double Seconds(long tick, long fromTick, double fromSeconds, int microsecondsPerQuarter) =>
        fromSeconds + (tick - fromTick) * microsecondsPerQuarter / 1e6 / ticksPerQuarter;
}
