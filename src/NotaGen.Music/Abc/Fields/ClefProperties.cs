namespace NotaGen.Music.Abc.Fields;

/// <summary>
/// The clef and playback properties ABC allows on K: and V: lines. <see cref="Transpose"/> (semitones) and
/// <see cref="Octave"/> change the sounding pitch of what is written; the clef itself only changes how it looks.
/// </summary>
public sealed record ClefProperties(string? Clef = null, int? Transpose = null, int? Octave = null, string? Middle = null, int? StaffLines = null)
{
    public static readonly ClefProperties None = new();

    private static readonly string[] ClefNames =
        ["treble", "bass", "alto", "tenor", "baritone", "soprano", "mezzosoprano", "mezzo", "perc", "none", "C", "F", "G", "tab"];

    /// <summary>True for tokens like treble, bass3, treble-8, alto+8, C1, F4, perc.</summary>
    public static bool IsClefName(string token)
    {
        foreach (var name in ClefNames)
        {
            if (!token.StartsWith(name, StringComparison.Ordinal))
                continue;
            var rest = token.AsSpan(name.Length);
            if (name.Length == 1 && (rest.IsEmpty || !char.IsAsciiDigit(rest[0])))
                continue; // a bare C, F or G is a key tonic; as clefs they carry a line number (C3, F4, G2)
            if (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
                rest = rest[1..];
            if (rest.IsEmpty || rest is "+8" or "-8" or "+15" or "-15" or "^8" or "_8")
                return true;
        }
        return false;
    }

    /// <summary>Applies one token (a clef name or key=value); false when the token is not a clef property.</summary>
    public bool TryApply(string token, out ClefProperties result, out string? error)
    {
        result = this;
        error = null;
        if (IsClefName(token))
        {
            result = this with { Clef = token };
            return true;
        }
        if (FieldTokens.Property(token) is not { } property)
            return false;
        switch (property.Key)
        {
            case "clef":
                result = this with { Clef = property.Value };
                return true;
            case "middle" or "m":
                result = this with { Middle = property.Value };
                return true;
            case "transpose" or "t":
                result = this with { Transpose = ParseInt(property, ref error) };
                return true;
            case "octave":
                result = this with { Octave = ParseInt(property, ref error) };
                return true;
            case "stafflines":
                result = this with { StaffLines = ParseInt(property, ref error) };
                return true;
            default:
                return false;
        }
    }

    private static int? ParseInt((string Key, string Value) property, ref string? error)
    {
        if (int.TryParse(property.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && Math.Abs(value) <= 127)
            return value;
        error = $"{property.Key}= needs a whole number, not '{property.Value}'";
        return null;
    }
}
