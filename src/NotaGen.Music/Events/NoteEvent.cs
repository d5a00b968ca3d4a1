using NotaGen.Music.Time;

namespace NotaGen.Music.Events;

/// <summary>
/// One sounding note. Time is in whole notes from the start of the piece (a quarter note lasts 1/4), exact.
/// Tied notes are merged into one event; grace notes are not events (they take no notated time).
/// </summary>
/// <param name="Voice">The voice id as the source names it (ABC <c>V:</c> id, MusicXML part/staff/voice).</param>
/// <param name="Bar">0-based index of the bar the note starts in, counted per voice (pickup bar = 0).</param>
/// <param name="Onset">Start, in whole notes from the start of the piece.</param>
/// <param name="Duration">Length in whole notes; always positive.</param>
/// <param name="Pitch">MIDI key number of the sounding pitch (middle C = 60), after transposition properties.</param>
/// <param name="Velocity">MIDI velocity 1..127 from the dynamics in force.</param>
public sealed record NoteEvent(string Voice, int Bar, Rational Onset, Rational Duration, int Pitch, int Velocity = 80);
