namespace NotaGen.Music.Abc.Parsing;

/// <summary>
/// Shares the short strings a tune repeats thousands of times (" ", "|", "p", "trill") instead of allocating each
/// occurrence: the parser's largest cost after the syntax nodes themselves. One pool per parse, so no locking.
/// </summary>
internal sealed class StringPool
{
    private const int MaxLength = 16;
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> span)
    {
        if (span.Length > MaxLength)
            return span.ToString();
        if (lookup.TryGetValue(span, out var shared))
            return shared;
        var created = span.ToString();
        strings[created] = created;
        return created;
    }
}
