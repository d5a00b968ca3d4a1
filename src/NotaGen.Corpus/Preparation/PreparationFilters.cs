namespace NotaGen.Corpus.Preparation;

/// <summary>NotaGen's size filters (reference a.1): at least 8 bars, at most 16 staves.</summary>
public sealed record PreparationFilters(int MinBars = 8, int MaxStaves = 16)
{
    public static PreparationFilters NotaGen { get; } = new();
}
