namespace NotaGen.Music.Abc.Fields;

/// <summary>Splits a field value at white space, keeping quoted strings (<c>nm="Violin I"</c>) in one token.</summary>
internal static class FieldTokens
{
    public static List<string> Split(string value)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && char.IsWhiteSpace(value[i]))
                i++;
            if (i >= value.Length)
                break;
            var start = i;
            var quoted = false;
            while (i < value.Length && (quoted || !char.IsWhiteSpace(value[i])))
            {
                if (value[i] == '"')
                    quoted = !quoted;
                i++;
            }
            tokens.Add(value[start..i]);
        }
        return tokens;
    }

    /// <summary>"key=value" → (key, value without quotes); otherwise null.</summary>
    public static (string Key, string Value)? Property(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
            return null;
        var value = token[(eq + 1)..];
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            value = value[1..^1];
        return (token[..eq], value);
    }
}
