namespace NotaGen.Music.Transposition;

/// <summary>
/// A transposition interval as letters and semitones: C→Eb is (2 letters, 3 semitones), C→B is (-1, -1),
/// B→Cb is (1, 0). Moving every written note by the same letter distance keeps the relation between notes and key
/// signature, so notes that follow the key need no new accidental and spelling stays right in the target key.
/// </summary>
public readonly record struct Interval(int Steps, int Semitones)
{
    /// <summary>The change of key signature this interval makes, in fifths (C→G: +1, C→Eb: -3).</summary>
    public int Fifths => new SpelledPitch('C', 0).Transpose(this).Fifths;

    public Interval Inverse => new(-Steps, -Semitones);

    /// <summary>
    /// NotaGen's interval between two keys (reference a.5): semitones (to - from) mod 12, taken upward for 0..6 and
    /// downward for 7..11 (so -5..+6); the letter distance is the one that goes the same way.
    /// </summary>
    public static Interval Between(SpelledPitch from, SpelledPitch to)
    {
        var semitones = SpelledPitch.Mod(to.PitchClass - from.PitchClass, 12);
        if (semitones >= 7)
            semitones -= 12;
        var steps = SpelledPitch.Mod(to.LetterIndex - from.LetterIndex, 7);
        // Of the two letter distances (up or down), take the one nearest the semitone size.
        if (Math.Abs(12.0 * (steps - 7) / 7 - semitones) < Math.Abs(12.0 * steps / 7 - semitones))
            steps -= 7;
        return new Interval(steps, semitones);
    }

    /// <summary>The same sound spelled one letter higher (+1) or lower (-1): the diminished-second respelling.</summary>
    public Interval Respelled(int letterShift) => new(Steps + letterShift, Semitones);

    public override string ToString() => $"{(Semitones >= 0 ? "+" : "")}{Semitones} semitones, {(Steps >= 0 ? "+" : "")}{Steps} letters";
}

/// <summary>Transposing spelled pitches by an interval.</summary>
public static class SpelledPitchTransposition
{
    /// <summary>The pitch class moved by the interval, spelled on the letter the interval gives (may carry up to any number of accidentals).</summary>
    public static SpelledPitch Transpose(this SpelledPitch pitch, Interval interval)
    {
        var letterIndex = SpelledPitch.Mod(pitch.LetterIndex + interval.Steps, 7);
        var target = pitch.PitchClass + interval.Semitones;
        var alteration = SpelledPitch.Mod(target - SpelledPitch.NaturalSemitone(letterIndex) + 6, 12) - 6;
        return new SpelledPitch(SpelledPitch.Letters[letterIndex], alteration);
    }
}
