using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Output;

/// <summary>
/// One piece of a corpus: one JSON line (snake_case) as <c>corpus build</c> writes it and training, evaluation and the
/// notebooks read it (<see cref="CorpusReader"/>). <see cref="Abc"/> is NotaGen's training format: optional prompt
/// lines, header, interleaved rest-reduced body WITHOUT <c>[r:]</c> counters (the tokenizer adds them). Only id and abc
/// are required of a line; the build fills the rest.
/// </summary>
public sealed record CorpusPiece
{
    public required string Id { get; init; }

    /// <summary>Where the piece came from (corpus name or file), for licences and error messages.</summary>
    public string? Source { get; init; }

    public string? SourcePath { get; init; }

    /// <summary>Style labels, any axis possibly unknown; null for unlabelled pieces (pre-training).</summary>
    public StylePrompt? Labels { get; init; }

    public string? Licence { get; init; }

    public string? DupGroup { get; init; }

    /// <summary>For a piece in a near-duplicate cluster (no dup_group), the id of the cluster's first piece.</summary>
    public string? NearDuplicateOf { get; init; }

    /// <summary>One of <see cref="CorpusSplits"/>; a line without one is training data.</summary>
    public string Split { get; init; } = CorpusSplits.Train;

    public int Bars { get; init; }

    public int Staves { get; init; }

    /// <summary>Bar patches of <see cref="Abc"/> as NotaGen's tokenizer makes them, before any context crop.</summary>
    public int Patches { get; init; }

    public string? Key { get; init; }

    public string? Meter { get; init; }

    public required string Abc { get; init; }
}
