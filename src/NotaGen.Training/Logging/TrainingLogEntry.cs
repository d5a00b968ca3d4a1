namespace NotaGen.Training.Logging;

/// <summary>
/// One line of the training log. Kind "train": an optimizer update (Loss = mean micro-batch loss); "eval": a validation
/// pass (EvaluationLoss); "checkpoint": a file written (Path).
/// </summary>
public sealed record TrainingLogEntry
{
    public required string Kind { get; init; }

    public int Step { get; init; }

    public int TotalSteps { get; init; }

    public int Epoch { get; init; }

    public double? Loss { get; init; }

    public double? EvaluationLoss { get; init; }

    public double? LearningRate { get; init; }

    public double? GradientNorm { get; init; }

    public long Tokens { get; init; }

    public double? TokensPerSecond { get; init; }

    public double ElapsedSeconds { get; init; }

    public string? Path { get; init; }
}

/// <summary>Receives the loop's progress: the JSON Lines log, the console line, a notebook's live plot.</summary>
public interface ITrainingObserver
{
    void Report(TrainingLogEntry entry);
}
