using NotaGen.Music.NotaGenFormat;
namespace NotaGen.Training.Data;

/// <summary>
/// One piece of a training corpus, as the corpus pipeline writes it (one JSON object per line). <see cref="Abc"/> is
/// NotaGen's training format: optional prompt lines, header, interleaved rest-reduced body WITHOUT <c>[r:]</c> counters
/// (the tokenizer adds them).
/// </summary>
public sealed record TrainingPiece
{
    public required string Id { get; init; }

    /// <summary>Where the piece came from (corpus name or file), for licences and error messages.</summary>
    public string? Source { get; init; }

    /// <summary>Style labels; null for unlabelled pieces (pre-training).</summary>
    public StylePrompt? Labels { get; init; }

    public required string Abc { get; init; }

    public string? Licence { get; init; }

    /// <summary>"train", "validation" or "test".</summary>
    public string Split { get; init; } = Splits.Train;
}

/// <summary>The split names of the corpus format.</summary>
public static class Splits
{
    public const string Train = "train";
    public const string Validation = "validation";
    public const string Test = "test";

    public static bool IsKnown(string split) => split is Train or Validation or Test;
}
