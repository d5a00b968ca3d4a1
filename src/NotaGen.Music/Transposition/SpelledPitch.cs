namespace NotaGen.Music.Transposition;

/// <summary>
/// A pitch class as spelled: a letter and an alteration in semitones (F# = ('F', +1), Bb = ('B', -1)).
/// Tonics, chord roots and key names are spelled pitch classes; notes carry an octave as well.
/// </summary>
public readonly record struct SpelledPitch(char Letter, int Alteration)
{
    public const string Letters = "CDEFGAB";

    /// <summary>Letter index, C = 0 ... B = 6.</summary>
    public int LetterIndex => Letters.IndexOf(Letter, StringComparison.Ordinal);

    /// <summary>Semitones above C of the natural letter.</summary>
    public static int NaturalSemitone(int letterIndex) => letterIndex switch
    {
        0 => 0,
        1 => 2,
        2 => 4,
        3 => 5,
        4 => 7,
        5 => 9,
        _ => 11,
    };

    /// <summary>Pitch class 0..11.</summary>
    public int PitchClass => Mod(NaturalSemitone(LetterIndex) + Alteration, 12);

    /// <summary>Position on the line of fifths: C = 0, G = 1, F = -1, F# = 6, Bb = -2.</summary>
    public int Fifths => "FCGDAEB".IndexOf(Letter, StringComparison.Ordinal) - 1 + 7 * Alteration;

    /// <summary>The pitch at this many fifths from C (the major key with that signature): 0 → C, 6 → F#, -7 → Cb.</summary>
    public static SpelledPitch FromFifths(int fifths)
    {
        var index = fifths + 1;
        return new SpelledPitch("FCGDAEB"[Mod(index, 7)], FloorDiv(index, 7));
    }

    /// <summary>Reads "C", "F#", "Bb", "Ebb" (key and chord-symbol spelling); null when it is not one.</summary>
    public static SpelledPitch? Parse(string text)
    {
        if (text.Length == 0 || Letters.IndexOf(text[0], StringComparison.Ordinal) < 0)
            return null;
        var alteration = 0;
        foreach (var c in text[1..])
        {
            if (c == '#')
                alteration++;
            else if (c == 'b')
                alteration--;
            else
                return null;
        }
        return new SpelledPitch(text[0], alteration);
    }

    /// <summary>Key-name spelling: letter then '#' or 'b' per semitone.</summary>
    public override string ToString() =>
        Letter + (Alteration >= 0 ? new string('#', Alteration) : new string('b', -Alteration));

    internal static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;

    internal static int FloorDiv(int value, int divisor) => (int)Math.Floor((double)value / divisor);
}
