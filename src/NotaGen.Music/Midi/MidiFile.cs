namespace NotaGen.Music.Midi;

/// <summary>
/// A Standard MIDI File: format 0 (one track) or 1 (simultaneous tracks, the first usually holding tempo and
/// meter), with a metrical time base of <paramref name="TicksPerQuarter"/> ticks per quarter note.
/// </summary>
public sealed record MidiFile(int Format, int TicksPerQuarter, IReadOnlyList<MidiTrack> Tracks)
{
    /// <summary>The largest tick of any track's end: the length of the piece in ticks.</summary>
    public long EndTick => Tracks.Count == 0 ? 0 : Tracks.Max(t => t.EndTick);

    /// <summary>Every event of every track in time order (ties keep track order, then order within the track).</summary>
    public IEnumerable<(int Track, MidiEvent Event)> MergedEvents() =>
        Tracks.SelectMany((track, index) => track.Events.Select(e => (Track: index, Event: e)))
            .OrderBy(pair => pair.Event.Tick);
}
