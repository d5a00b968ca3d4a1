namespace NotaGen.Music.Midi;

/// <summary>
/// One track chunk: events sorted by tick, and the tick of its End of Track event (never before the last event).
/// System-exclusive messages are not kept.
/// </summary>
public sealed record MidiTrack(IReadOnlyList<MidiEvent> Events, long EndTick)
{
    public MidiTrack(IReadOnlyList<MidiEvent> events)
        : this(events, events.Count == 0 ? 0 : events.Max(e => e.Tick))
    {
    }

    /// <summary>The first track name meta event's text, or null.</summary>
    public string? Name => Events.OfType<TrackNameEvent>().FirstOrDefault()?.Name;
}
