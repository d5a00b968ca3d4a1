namespace NotaGen.Music.Abc.Fields;

/// <summary>
/// A parsed V: value: <c>V:1 treble nm="Violin" snm="Vln." transpose=-2 octave=1 stafflines=5</c>.
/// Properties other than the ones named here are kept in <see cref="Other"/>.
/// </summary>
public sealed record VoiceDefinition(
    string Id,
    string? Name,
    string? ShortName,
    ClefProperties Clef,
    IReadOnlyDictionary<string, string> Other)
{
    public static VoiceDefinition Parse(string value, out string? error)
    {
        error = null;
        var tokens = FieldTokens.Split(value);
        if (tokens.Count == 0)
        {
            error = "V: needs a voice id";
            return new VoiceDefinition("", null, null, ClefProperties.None, new Dictionary<string, string>());
        }
        string? name = null, shortName = null;
        var clef = ClefProperties.None;
        var other = new Dictionary<string, string>();
        foreach (var token in tokens.Skip(1))
        {
            if (clef.TryApply(token, out var applied, out var clefError))
            {
                clef = applied;
                error ??= clefError;
                continue;
            }
            if (FieldTokens.Property(token) is not { } property)
            {
                other[token] = "";
                continue;
            }
            switch (property.Key)
            {
                case "name" or "nm":
                    name = property.Value;
                    break;
                case "subname" or "sname" or "snm":
                    shortName = property.Value;
                    break;
                default:
                    other[property.Key] = property.Value;
                    break;
            }
        }
        return new VoiceDefinition(tokens[0], name, shortName, clef, other);
    }
}
