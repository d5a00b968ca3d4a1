namespace NotaGen.Music.Midi.Import;

/// <summary>
/// Pairs note-ons with note-offs, track by track and channel by channel, into parts. A key struck again while it
/// sounds ends the earlier note there (one channel cannot hold a key twice); a note never released ends with its
/// track. Channel 10 (0-based 9), the General MIDI percussion kit, has no pitches to notate and is left out with a warning.
/// </summary>
internal static class MidiNoteCollector
{
    public const int PercussionChannel = 9;

    /// <param name="cancel">Checked for every event.</param>
    public static List<MidiPart> Collect(MidiFile file, List<string> warnings, CancellationToken cancel = default)
    {
        var parts = new List<MidiPart>();
        for (var t = 0; t < file.Tracks.Count; t++)
        {
            var track = file.Tracks[t];
            var trackNumber = t + 1;
            var sounding = new Dictionary<(int Channel, int Key), (long Tick, int Velocity)>();
            var notes = new List<PerformedNote>();
            var programs = new Dictionary<int, int>();
            var percussion = 0;
            var unmatchedOffs = 0;
            foreach (var e in track.Events)
            {
                cancel.ThrowIfCancellationRequested();
                switch (e)
                {
                    case NoteOnEvent on when on.Channel == PercussionChannel:
                        percussion++;
                        break;
                    case NoteOnEvent on:
                        if (sounding.Remove((on.Channel, on.Key), out var restruck))
                            notes.Add(new PerformedNote(trackNumber, on.Channel, on.Key, restruck.Tick, on.Tick, restruck.Velocity));
                        sounding[(on.Channel, on.Key)] = (on.Tick, on.Velocity);
                        break;
                    case NoteOffEvent off when off.Channel != PercussionChannel:
                        if (sounding.Remove((off.Channel, off.Key), out var started))
                            notes.Add(new PerformedNote(trackNumber, off.Channel, off.Key, started.Tick, off.Tick, started.Velocity));
                        else
                            unmatchedOffs++;
                        break;
                    case ProgramChangeEvent program:
                        programs.TryAdd(program.Channel, program.Program);
                        break;
                }
            }
            foreach (var ((channel, key), (tick, velocity)) in sounding)
                notes.Add(new PerformedNote(trackNumber, channel, key, tick, Math.Max(track.EndTick, tick), velocity));
            if (sounding.Count > 0)
                warnings.Add($"track {trackNumber}: {sounding.Count} notes never released; they end with the track");
            if (unmatchedOffs > 0)
                warnings.Add($"track {trackNumber}: {unmatchedOffs} note-offs without a sounding note were ignored");
            if (percussion > 0)
                warnings.Add($"track {trackNumber}: {percussion} notes on channel 10 (percussion) skipped: drum kits have no pitches to notate");
            // Zero-length notes (on and off at one tick) are grace-like blips with nothing to quantise.
            foreach (var channel in notes.Where(n => n.OffTick > n.OnTick).GroupBy(n => n.Channel).OrderBy(g => g.Key))
            {
                var ordered = channel.OrderBy(n => n.OnTick).ThenBy(n => n.Key).ToList();
                parts.Add(new MidiPart(trackNumber, channel.Key, track.Name, programs.TryGetValue(channel.Key, out var p) ? p : null, ordered));
            }
        }
        return parts;
    }
}
