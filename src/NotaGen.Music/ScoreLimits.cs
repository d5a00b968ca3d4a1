namespace NotaGen.Music;

/// <summary>
/// The size bounds every score reader enforces on a piece's content (ABC, MusicXML, MIDI import), far above any real
/// score so that only a broken or hostile file meets them: past one, reading stops with a
/// <see cref="MusicFormatException"/> naming the file and the position. The shared corpus peaks at 60 voices in a
/// piece and about 120 notes in one bar of one voice.
/// </summary>
public static class ScoreLimits
{
    /// <summary>Voices in one piece (ABC voices; MusicXML's voices of all parts; MIDI import's voices).</summary>
    public const int MaxVoices = 1_000;

    /// <summary>Notes and rests in one bar of one voice (each note of a chord counts), in the ABC and MusicXML readers;
    /// MIDI import is bounded by the length of the piece instead (<c>MidiLimits</c>).</summary>
    public const int MaxNotesPerBar = 10_000;
}
