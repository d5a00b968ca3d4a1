using NotaGen.Music.Events;
using NotaGen.Music.Midi;

namespace NotaGen.Audio.Synthesis;

/// <summary>What a MIDI file asks a player to do: its notes in seconds, the number of parts, and its length.</summary>
public sealed record Performance(IReadOnlyList<PerformedNote> Notes, int PartCount, double Length)
{
    public const int PercussionChannel = 9;

    public static Performance FromScore(ScoreEvents score) => FromMidi(MidiExporter.Export(score));

    public static Performance FromMidi(MidiFile file)
    {
        var tempo = new MidiTempoMap(file);
        var programs = new int[16];
        var parts = new Dictionary<(int Track, int Channel), int>();
        var sounding = new Dictionary<(int Track, int Channel, int Key), Queue<(NoteOnEvent On, int Program)>>();
        var notes = new List<PerformedNote>();

        void End(int track, NoteOnEvent on, int program, long offTick)
        {
            var key = (track, on.Channel);
            if (!parts.TryGetValue(key, out var part))
                parts[key] = part = parts.Count;
            var start = tempo.ToSeconds(on.Tick);
            notes.Add(new PerformedNote(start, tempo.ToSeconds(offTick) - start, on.Key, on.Velocity, program,
                on.Channel == PercussionChannel, part));
        }

        // Program changes act on the channel for every track, so events are taken in time order across tracks.
        foreach (var (track, e) in file.MergedEvents())
        {
            switch (e)
            {
                case ProgramChangeEvent change:
                    programs[change.Channel] = change.Program;
                    break;
                case NoteOnEvent on:
                    var id = (track, on.Channel, on.Key);
                    if (!sounding.TryGetValue(id, out var queue))
                        sounding[id] = queue = new Queue<(NoteOnEvent, int)>();
                    queue.Enqueue((on, programs[on.Channel]));
                    break;
                case NoteOffEvent off when sounding.TryGetValue((track, off.Channel, off.Key), out var started) && started.Count > 0:
                    var (first, program) = started.Dequeue();
                    End(track, first, program, off.Tick);
                    break;
            }
        }
        // Notes never released sound to the end of their track.
        foreach (var ((track, _, _), queue) in sounding)
        {
            foreach (var (on, program) in queue)
                End(track, on, program, Math.Max(on.Tick, file.Tracks[track].EndTick));
        }

        notes.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Part != b.Part ? a.Part.CompareTo(b.Part) : a.Key.CompareTo(b.Key));
        return new Performance(notes, parts.Count, tempo.ToSeconds(file.EndTick));
    }
}
