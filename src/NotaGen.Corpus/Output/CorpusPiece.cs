using NotaGen.Corpus.Labels;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Output;

/// <summary>
/// One JSON line of the corpus. Field names (snake_case) are the trainer's <c>TrainingPiece</c> ones
/// (id, source, labels, abc, licence, split); the rest are extra fields that reader ignores.
/// </summary>
public sealed record CorpusPiece
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public string? SourcePath { get; init; }
    public StylePrompt? Labels { get; init; }
    public string? Licence { get; init; }
    public string? DupGroup { get; init; }

    /// <summary>For a piece in a near-duplicate cluster (no dup_group), the id of the cluster's first piece.</summary>
    public string? NearDuplicateOf { get; init; }
    public required string Split { get; init; }
    public int Bars { get; init; }
    public int Staves { get; init; }

    /// <summary>Bar patches of <see cref="Abc"/> as NotaGen's tokenizer makes them, before any context crop.</summary>
    public int Patches { get; init; }
    public string? Key { get; init; }
    public string? Meter { get; init; }
    public required string Abc { get; init; }
}
