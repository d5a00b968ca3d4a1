using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// One bar of one voice. Times are in whole notes from the start of the piece, exact.
/// A multi-measure rest <c>Z4</c> gives four bars.
/// </summary>
/// <param name="Index">0-based bar index within the voice (the pickup, if any, is bar 0).</param>
/// <param name="Start">Onset of the bar.</param>
/// <param name="Duration">Notated duration of the bar's content (grace notes count zero).</param>
/// <param name="Meter">The meter in force when the bar started.</param>
/// <param name="Position">Where the bar's first element is in the source.</param>
/// <param name="Barline">The bar line that closes the bar as written, or null for a last bar without one.</param>
public sealed record AbcBar(int Index, Rational Start, Rational Duration, Meter Meter, AbcPosition Position, string? Barline)
{
    /// <summary>True when the content fills exactly one bar of the meter (always true in free meter).</summary>
    public bool IsComplete => Meter.IsFree || Duration == Meter.BarLength;

    /// <summary>Duration in units of <paramref name="unit"/> (e.g. the tune's L: 1/8).</summary>
    public Rational DurationIn(Rational unit) => Duration / unit;
}

/// <summary>A sounding note of a voice (ties merged), with where it was written.</summary>
public sealed record AbcSoundingNote(int Bar, Rational Onset, Rational Duration, int Pitch, int Velocity, AbcPosition Position);

/// <summary>A voice as interpreted: its declaration, its bars and its sounding notes.</summary>
public sealed record AbcVoice(
    string Id,
    VoiceDefinition? Definition,
    IReadOnlyList<AbcBar> Bars,
    IReadOnlyList<AbcSoundingNote> Notes)
{
    /// <summary>The elements that mark the music rather than sound (decorations, slurs, grace notes, rests, bar lines, fields), in written order.</summary>
    public IReadOnlyList<AbcVoiceMark> Marks { get; init; } = [];

    /// <summary>End of the voice's last bar.</summary>
    public Rational End => Bars.Count == 0 ? Rational.Zero : Bars[^1].Start + Bars[^1].Duration;
}

/// <summary>A change of tempo, meter or key at a time, as the first voice that meets it states it.</summary>
public sealed record AbcTimedChange<T>(Rational Onset, T Value);

/// <summary>
/// The musical meaning of a tune: voices with their bars and sounding notes, the tempo, meter and key changes,
/// and the problems met while interpreting (warnings for bars whose voices disagree, errors for what cannot be
/// played such as microtonal accidentals).
/// </summary>
public sealed record AbcTuneSemantics(
    IReadOnlyList<AbcVoice> Voices,
    IReadOnlyList<AbcTimedChange<Tempo>> Tempi,
    IReadOnlyList<AbcTimedChange<Meter>> Meters,
    IReadOnlyList<AbcTimedChange<KeySignature>> Keys,
    Rational UnitLength,
    IReadOnlyList<AbcDiagnostic> Diagnostics)
{
    public AbcVoice? Voice(string id) => Voices.FirstOrDefault(v => v.Id == id);
}
