using NotaGen.Corpus.Preparation;
using NotaGen.Corpus.Splitting;

namespace NotaGen.Corpus.Building;

/// <summary>What <c>corpus build</c> reads, how it filters and splits, and where it writes.</summary>
public sealed record CorpusBuildOptions
{
    public required IReadOnlyList<string> Inputs { get; init; }
    public required string Output { get; init; }
    public string? LabelsPath { get; init; }
    public int Jobs { get; init; } = 1;

    /// <summary>"cc0" keeps only pieces whose licence starts with CC0; null keeps all.</summary>
    public string? Licence { get; init; }
    public SplitFractions Fractions { get; init; } = new();
    public PreparationFilters Filters { get; init; } = PreparationFilters.NotaGen;
    public int PiecesPerShard { get; init; } = 2000;
}
