namespace NotaGen.Music.Abc.Fields;

/// <summary>
/// A parsed K: value: tonic and mode (<c>G</c>, <c>F#m</c>, <c>Bb mix</c>, <c>D Dorian</c>, <c>none</c>), explicit
/// accidentals (<c>K:D =c</c>, <c>K:C exp ^f</c>) and clef properties. <see cref="Fifths"/> is the signature of the key
/// as a major-scale count (A dorian = 0, E minor = 1).
/// </summary>
/// <param name="Tonic">"G", "F#", "Bb"; empty for K:none and keys given only by a clef.</param>
/// <param name="Mode">"major", "minor", "dorian", "phrygian", "lydian", "mixolydian", "locrian", or "none".</param>
/// <param name="Fifths">Sharps (positive) or flats (negative) of the standard signature.</param>
/// <param name="ExplicitAccidentals">Accidentals written after the key: step letter (upper case) → semitones (-2..2, 0 = natural).</param>
/// <param name="ExplicitOnly">True for <c>exp</c>: only the explicit accidentals apply.</param>
public sealed record KeySignature(
    string Tonic,
    string Mode,
    int Fifths,
    IReadOnlyDictionary<char, int> ExplicitAccidentals,
    bool ExplicitOnly,
    ClefProperties Clef)
{
    public static readonly KeySignature CMajor = new("C", "major", 0, new Dictionary<char, int>(), false, ClefProperties.None);

    private const string SharpOrder = "FCGDAEB";

    /// <summary>
    /// False for a K: that gives only a clef or properties (<c>K:treble</c>, <c>[K:bass]</c>, <c>K:clef=alto</c>):
    /// the key signature in force stays, only the clef changes.
    /// </summary>
    public bool SpecifiesKey { get; init; } = true;

    private static readonly Dictionary<string, (string Name, int Offset)> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["maj"] = ("major", 0),
        ["ion"] = ("major", 0),
        ["min"] = ("minor", -3),
        ["aeo"] = ("minor", -3),
        ["m"] = ("minor", -3),
        ["mix"] = ("mixolydian", -1),
        ["dor"] = ("dorian", -2),
        ["phr"] = ("phrygian", -4),
        ["lyd"] = ("lydian", 1),
        ["loc"] = ("locrian", -5),
    };

    /// <summary>Semitone alteration the signature gives a step (upper-case letter), before any accidental in the bar.</summary>
    public int AlterationOf(char step)
    {
        if (ExplicitAccidentals.TryGetValue(step, out var explicitAlteration))
            return explicitAlteration;
        if (ExplicitOnly || Fifths == 0)
            return 0;
        var index = Fifths > 0 ? SharpOrder.IndexOf(step, StringComparison.Ordinal) : 6 - SharpOrder.IndexOf(step, StringComparison.Ordinal);
        var count = Math.Abs(Fifths);
        var alteration = (index < count ? 1 : 0) + (index + 7 < count ? 1 : 0);
        return Fifths > 0 ? alteration : -alteration;
    }

    /// <summary>Parses a K: value; on a problem returns the best reading and sets <paramref name="error"/>.</summary>
    public static KeySignature Parse(string value, out string? error)
    {
        error = null;
        var tokens = FieldTokens.Split(value);
        var tonic = "C";
        var mode = "major";
        var fifths = 0;
        var index = 0;
        var specifiesKey = true;
        if (tokens.Count > 0 && tokens[0] is "none" or "HP" or "Hp")
        {
            // Highland pipes: HP has no signature, Hp is written with F# C# and G natural.
            tonic = tokens[0] == "Hp" ? "D" : "";
            mode = tokens[0] == "none" ? "none" : "major";
            fifths = tokens[0] == "Hp" ? 2 : 0;
            index = 1;
        }
        else if (tokens.Count > 0 && tokens[0][0] is >= 'A' and <= 'G' && !ClefProperties.IsClefName(tokens[0]))
        {
            var token = tokens[0];
            var length = token.Length > 1 && token[1] is '#' or 'b' ? 2 : 1;
            tonic = token[..length];
            fifths = TonicFifths(tonic);
            var modeText = token[length..];
            index = 1;
            if (modeText.Length == 0 && tokens.Count > 1 && ModeOf(tokens[1]) is not null)
            {
                modeText = tokens[1];
                index = 2;
            }
            if (modeText.Length > 0)
            {
                if (ModeOf(modeText) is { } m)
                {
                    mode = m.Name;
                    fifths += m.Offset;
                }
                else
                {
                    error = $"unknown mode '{modeText}' in key '{value.Trim()}'";
                }
            }
        }
        else
        {
            specifiesKey = tokens.Count == 0 || tokens[0] is "exp" || tokens[0][0] is '^' or '_' or '=';
        }

        var explicitAccidentals = new Dictionary<char, int>();
        var explicitOnly = false;
        var clef = ClefProperties.None;
        for (; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token == "exp")
            {
                explicitOnly = true;
                continue;
            }
            if (TryAccidental(token, out var step, out var alteration))
            {
                explicitAccidentals[step] = alteration;
                continue;
            }
            if (clef.TryApply(token, out var applied, out var clefError))
            {
                clef = applied;
                error ??= clefError;
                continue;
            }
            if (FieldTokens.Property(token) is null)
                error ??= $"unknown word '{token}' in key '{value.Trim()}'";
        }
        return new KeySignature(tonic, mode, fifths, explicitAccidentals, explicitOnly, clef) { SpecifiesKey = specifiesKey };
    }

    private static (string Name, int Offset)? ModeOf(string text)
    {
        if (text.Equals("m", StringComparison.OrdinalIgnoreCase))
            return Modes["m"];
        if (text.Length < 3 || !text.All(char.IsAsciiLetter))
            return null;
        return Modes.TryGetValue(text[..3], out var mode) ? mode : null;
    }

    /// <summary>Fifths of the major key on this tonic: G = 1, F = -1, F# = 6, Bb = -2.</summary>
    public static int TonicFifths(string tonic)
    {
        var baseFifths = tonic[0] switch
        {
            'C' => 0,
            'G' => 1,
            'D' => 2,
            'A' => 3,
            'E' => 4,
            'B' => 5,
            'F' => -1,
            _ => 0,
        };
        if (tonic.Length > 1)
            baseFifths += tonic[1] == '#' ? 7 : -7;
        return baseFifths;
    }

    private static bool TryAccidental(string token, out char step, out int alteration)
    {
        step = '\0';
        alteration = 0;
        var i = 0;
        while (i < token.Length && token[i] is '^' or '_' or '=')
            i++;
        if (i == 0 || i > 2 || i != token.Length - 1 || !char.IsAsciiLetter(token[i]))
            return false;
        step = char.ToUpperInvariant(token[i]);
        if (step is < 'A' or > 'G')
            return false;
        alteration = token[..i] switch
        {
            "^" => 1,
            "^^" => 2,
            "_" => -1,
            "__" => -2,
            _ => 0,
        };
        return true;
    }
}
