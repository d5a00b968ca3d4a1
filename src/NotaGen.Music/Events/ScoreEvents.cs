using NotaGen.Music.Time;

namespace NotaGen.Music.Events;

/// <summary>
/// A piece flattened to what sounds and when: the view that MIDI export, audio rendering and metrics use.
/// Lists are sorted by onset (then voice order, then pitch).
/// </summary>
public sealed record ScoreEvents(
    IReadOnlyList<VoiceInfo> Voices,
    IReadOnlyList<NoteEvent> Notes,
    IReadOnlyList<TempoEvent> Tempi,
    IReadOnlyList<MeterEvent> Meters,
    IReadOnlyList<KeyEvent> Keys)
{
    /// <summary>The end of the last note, or of the last bar if later: the piece's length in whole notes.</summary>
    public Rational End { get; init; }
}

/// <summary>A voice (one ABC <c>V:</c>, one staff voice of a MusicXML part).</summary>
/// <param name="Id">Id as in <see cref="NoteEvent.Voice"/>.</param>
/// <param name="Name">Instrument or part name (ABC <c>nm=</c>), used to pick a General MIDI program.</param>
/// <param name="ShortName">Abbreviated name (ABC <c>snm=</c>).</param>
/// <param name="Clef">Clef name as written (treble, bass, alto, ...).</param>
public sealed record VoiceInfo(string Id, string? Name = null, string? ShortName = null, string? Clef = null);

/// <summary>A tempo from <paramref name="Onset"/> on: <paramref name="BeatsPerMinute"/> beats of length <paramref name="Beat"/>.</summary>
public sealed record TempoEvent(Rational Onset, Rational Beat, Rational BeatsPerMinute)
{
    /// <summary>Seconds per whole note at this tempo.</summary>
    public Rational SecondsPerWholeNote => 60 / (BeatsPerMinute * Beat);
}

/// <summary>A meter from <paramref name="Onset"/> on, e.g. 3/4 (<paramref name="Numerator"/> 3, <paramref name="Denominator"/> 4).</summary>
public sealed record MeterEvent(Rational Onset, int Numerator, int Denominator)
{
    public Rational BarLength => new(Numerator, Denominator);
}

/// <summary>A key signature from <paramref name="Onset"/> on: <paramref name="Fifths"/> sharps (positive) or flats (negative), and the mode.</summary>
public sealed record KeyEvent(Rational Onset, int Fifths, string Mode = "major");
