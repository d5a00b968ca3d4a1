using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Music.Midi;

/// <summary>
/// A piece's events as a format 1 Standard MIDI File: a conductor track with the tempo, meter and key maps, then
/// one track per voice, named after the voice, on its own channel (channel 10, the percussion kit, is skipped)
/// with the General MIDI program its instrument name suggests.
/// </summary>
public static class MidiExporter
{
    /// <summary>The channels given to voices in order (0-based; 9 is GM percussion).</summary>
    private static readonly int[] MelodicChannels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

    /// <param name="cancel">Checked for every note, voice and event: an export given up on (folder mode's per-file
    /// time limit, a WAV render) stops promptly with <see cref="OperationCanceledException"/>.</param>
    public static MidiFile Export(ScoreEvents score, MidiExportOptions? options = null, CancellationToken cancel = default)
    {
        options ??= MidiExportOptions.Default;
        var end = score.Notes.Select(n => n.Onset + n.Duration).Append(score.End).Append(Rational.Zero).Max();
        cancel.ThrowIfCancellationRequested();
        var grid = new TickGrid(options.TicksPerQuarter ?? ChooseResolution(score, end, cancel));

        // Notes first, so that a time off the grid is reported at the note that has it.
        var voices = VoicesInOrder(score);
        // Grouped once: a scan of all notes per voice was quadratic in pieces of thousands of voices.
        var byVoice = score.Notes.ToLookup(n => n.Voice, StringComparer.Ordinal);
        var sounding = voices.Select(v => Sounding(byVoice[v.Id], grid, cancel)).ToList();
        var endTick = grid.ToTicks(end, () => "the end of the piece");
        var tracks = new List<MidiTrack> { ConductorTrack(score, grid, endTick, cancel) };
        var channels = AssignChannels(voices, cancel);
        for (var i = 0; i < voices.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            tracks.Add(VoiceTrack(voices[i], sounding[i], channels[i], endTick));
        }
        return new MidiFile(1, grid.TicksPerQuarter, tracks);
    }

    /// <summary>The General MIDI program a voice plays: from its name, short name or id, else piano.</summary>
    public static int ProgramFor(VoiceInfo voice) => GeneralMidiProgram.ForInstrument(voice.Name, voice.ShortName, voice.Id);

    /// <summary>
    /// Each voice its own channel while channels last; past fifteen voices a voice shares the channel of an earlier
    /// voice with the same program (so both keep their sound), or else the channels are reused in turn.
    /// </summary>
    private static int[] AssignChannels(List<VoiceInfo> voices, CancellationToken cancel)
    {
        var programs = voices.Select(ProgramFor).ToArray();
        var channels = new int[voices.Count];
        for (var i = 0; i < voices.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var sameProgram = Array.FindIndex(programs, 0, Math.Min(i, MelodicChannels.Length), p => p == programs[i]);
            channels[i] = i < MelodicChannels.Length || sameProgram < 0
                ? MelodicChannels[i % MelodicChannels.Length]
                : channels[sameProgram];
        }
        return channels;
    }

    private static int ChooseResolution(ScoreEvents score, Rational end, CancellationToken cancel)
    {
        var times = score.Notes.SelectMany(n => new[] { n.Onset, n.Duration })
            .Concat(score.Tempi.Select(t => t.Onset))
            .Concat(score.Meters.Select(m => m.Onset))
            .Concat(score.Keys.Select(k => k.Onset))
            .Append(end);
        return TickGrid.Fitting(times, cancel: cancel) ?? throw new MidiExportException(
            $"No MIDI resolution up to {MidiLimits.MaxTicksPerQuarter} ticks per quarter places every note of this piece exactly " +
            "(its tuplets need a finer grid); pass a fixed TicksPerQuarter to find the first note that does not fit.");
    }

    /// <summary>Declared voices in order, then any voice that only the notes mention.</summary>
    private static List<VoiceInfo> VoicesInOrder(ScoreEvents score)
    {
        var voices = score.Voices.ToList();
        var known = voices.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var note in score.Notes)
        {
            if (known.Add(note.Voice))
                voices.Add(new VoiceInfo(note.Voice));
        }
        return voices;
    }

    private static MidiTrack ConductorTrack(ScoreEvents score, TickGrid grid, long endTick, CancellationToken cancel)
    {
        var events = new List<MidiEvent>();
        foreach (var meter in score.Meters)
        {
            cancel.ThrowIfCancellationRequested();
            var tick = grid.ToTicks(meter.Onset, () => $"the {meter.Numerator}/{meter.Denominator} meter");
            // MIDI denominators are powers of two; a meter like 3/6 has no MIDI form and is left out.
            if (int.IsPow2(meter.Denominator) && meter.Numerator is > 0 and < 256 && int.Log2(meter.Denominator) <= MidiLimits.MaxDenominatorPower)
                events.Add(new TimeSignatureEvent(tick, meter.Numerator, meter.Denominator, Math.Max(1, 96 / meter.Denominator)));
        }
        foreach (var key in score.Keys)
        {
            cancel.ThrowIfCancellationRequested();
            var tick = grid.ToTicks(key.Onset, () => "a key signature");
            if (key.Fifths is >= -7 and <= 7)
                events.Add(new KeySignatureEvent(tick, key.Fifths, string.Equals(key.Mode, "minor", StringComparison.OrdinalIgnoreCase)));
        }
        foreach (var tempo in score.Tempi)
        {
            cancel.ThrowIfCancellationRequested();
            events.Add(new SetTempoEvent(grid.ToTicks(tempo.Onset, () => "a tempo change"), MicrosecondsPerQuarter(tempo)));
        }
        return new MidiTrack(events.OrderBy(e => e.Tick).ToList(), endTick);
    }

    private static int MicrosecondsPerQuarter(TempoEvent tempo)
    {
        if (!tempo.BeatsPerMinute.IsPositive || !tempo.Beat.IsPositive)
            throw new MidiExportException($"Tempo {tempo.Beat}={tempo.BeatsPerMinute} at {tempo.Onset} is not a positive speed.");
        // The file stores whole microseconds; this is the one place MIDI export rounds, by under a microsecond per beat.
        var exact = tempo.SecondsPerWholeNote / 4 * 1_000_000;
        var microseconds = (long)Math.Round(exact.ToDouble(), MidpointRounding.AwayFromZero);
        if (microseconds is < MidiLimits.MinMicrosecondsPerQuarter or > MidiLimits.MaxMicrosecondsPerQuarter)
            throw new MidiExportException($"Tempo {tempo.Beat}={tempo.BeatsPerMinute} at {tempo.Onset} is outside what MIDI can store.");
        return (int)microseconds;
    }

    private static MidiTrack VoiceTrack(
        VoiceInfo voice, List<(long On, long Off, int Key, int Velocity)> notes, int channel, long endTick)
    {
        var events = new List<MidiEvent>
        {
            new TrackNameEvent(0, voice.Name ?? voice.Id),
            new ProgramChangeEvent(0, channel, ProgramFor(voice)),
        };
        foreach (var (on, off, key, velocity) in notes)
        {
            events.Add(new NoteOnEvent(on, channel, key, velocity));
            events.Add(new NoteOffEvent(off, channel, key));
        }
        // At one tick: names and programs first, then note-offs before note-ons, so a repeated key sounds twice.
        var ordered = events.Select((e, index) => (e, index))
            .OrderBy(x => x.e.Tick)
            .ThenBy(x => x.e switch { NoteOffEvent => 1, NoteOnEvent => 2, _ => 0 })
            .ThenBy(x => x.index)
            .Select(x => x.e)
            .ToList();
        return new MidiTrack(ordered, endTick);
    }

    /// <summary>
    /// Ticks of each note. Where a voice restrikes a key that is still sounding, the earlier note ends at the new
    /// onset: one channel cannot hold the same key twice, and a later note-off would cut the new note short.
    /// </summary>
    private static List<(long On, long Off, int Key, int Velocity)> Sounding(IEnumerable<NoteEvent> notes, TickGrid grid, CancellationToken cancel)
    {
        var result = new List<(long On, long Off, int Key, int Velocity)>();
        var lastByKey = new Dictionary<int, int>();
        foreach (var note in notes.OrderBy(n => n.Onset).ThenBy(n => n.Pitch))
        {
            cancel.ThrowIfCancellationRequested();
            if (note.Pitch is < 0 or > 127)
                throw new MidiExportException($"Voice {note.Voice}, bar {note.Bar}: pitch {note.Pitch} is outside MIDI's 0..127.");
            var on = grid.ToTicks(note.Onset, () => $"Voice {note.Voice}, bar {note.Bar}: the note onset");
            var off = on + grid.ToTicks(note.Duration, () => $"Voice {note.Voice}, bar {note.Bar}: the note duration");
            if (lastByKey.TryGetValue(note.Pitch, out var previous) && result[previous].Off > on)
            {
                result[previous] = result[previous] with { Off = on };
            }
            lastByKey[note.Pitch] = result.Count;
            result.Add((on, off, note.Pitch, Math.Clamp(note.Velocity, 1, 127)));
        }
        // Unisons at one onset leave a zero-length first note; it would only confuse readers.
        return result.Where(n => n.Off > n.On).ToList();
    }
}
