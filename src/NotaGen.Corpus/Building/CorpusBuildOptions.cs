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

    /// <summary>How pieces without a dup_group are matched as near-duplicates before splitting.</summary>
    public NearDuplicateOptions NearDuplicates { get; init; } = new();

    /// <summary>A (period, instrumentation) with at least this many pieces always has one work in validation.</summary>
    public int MinStratumPieces { get; init; } = 20;
    public PreparationFilters Filters { get; init; } = PreparationFilters.NotaGen;
    public int PiecesPerShard { get; init; } = 2000;

    /// <summary>Reuse the outcome of inputs whose content, labels and options did not change (<see cref="CacheFolder"/>).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Where the per-file cache lives; null means <c>.cache</c> inside <see cref="Output"/>.</summary>
    public string? CacheFolder { get; init; }
}
