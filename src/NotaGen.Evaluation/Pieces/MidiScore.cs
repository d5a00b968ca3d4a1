using NotaGen.Music.Events;
using NotaGen.Music.Midi;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.Pieces;

/// <summary>
/// A Standard MIDI File read as sounding notes for the metrics and classifiers: one voice per (track, channel),
/// note-on/note-off paired first-in first-out per key, times exact (ticks / (4 × ticks per quarter) whole notes).
/// Bars come from the first time signature (4/4 without one); a note without its note-off ends at its track's end.
/// </summary>
public static class MidiScore
{
    public static (ScoreEvents Events, int Bars) Read(MidiFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var wholeNote = 4L * file.TicksPerQuarter;
        Rational Time(long tick) => new(tick, wholeNote);
        var meter = file.MergedEvents().Select(e => e.Event).OfType<TimeSignatureEvent>().FirstOrDefault();
        var barLength = meter is null ? Rational.One : new Rational(meter.Numerator, meter.Denominator);
        var notes = new List<NoteEvent>();
        var voices = new List<VoiceInfo>();
        for (var t = 0; t < file.Tracks.Count; t++)
        {
            var track = file.Tracks[t];
            foreach (var channel in track.Events.OfType<ChannelEvent>().Select(e => e.Channel).Distinct().Order())
            {
                var id = $"{t + 1}.{channel + 1}";
                var open = new Dictionary<int, Queue<NoteOnEvent>>();
                var count = notes.Count;
                foreach (var e in track.Events.OfType<ChannelEvent>().Where(e => e.Channel == channel))
                {
                    if (e is NoteOnEvent on)
                    {
                        if (!open.TryGetValue(on.Key, out var queue)) open[on.Key] = queue = new();
                        queue.Enqueue(on);
                    }
                    else if (e is NoteOffEvent off && open.TryGetValue(off.Key, out var queue) && queue.Count > 0)
                    {
                        Add(queue.Dequeue(), off.Tick);
                    }
                }
                foreach (var queue in open.Values)
                    while (queue.Count > 0) Add(queue.Dequeue(), track.EndTick);
                if (notes.Count > count) voices.Add(new VoiceInfo(id, track.Name));

                void Add(NoteOnEvent on, long endTick)
                {
                    if (endTick <= on.Tick) return;
                    var onset = Time(on.Tick);
                    notes.Add(new NoteEvent(id, (int)(onset / barLength).Floor(), onset, Time(endTick - on.Tick), on.Key, on.Velocity));
                }
            }
        }
        var key = file.MergedEvents().Select(e => e.Event).OfType<KeySignatureEvent>().FirstOrDefault();
        var ordered = notes.OrderBy(n => n.Onset).ThenBy(n => n.Pitch).ToList();
        var end = ordered.Count == 0 ? Rational.Zero : ordered.Max(n => n.Onset + n.Duration);
        var events = new ScoreEvents(voices, ordered, [],
            meter is null ? [] : [new MeterEvent(Rational.Zero, meter.Numerator, meter.Denominator)],
            key is null ? [] : [new KeyEvent(Rational.Zero, key.Fifths, key.Minor ? "minor" : "major")])
        { End = end };
        var bars = end / barLength;
        return (events, Math.Max(1, (int)bars.Floor() + (bars.IsInteger ? 0 : 1)));
    }
}
