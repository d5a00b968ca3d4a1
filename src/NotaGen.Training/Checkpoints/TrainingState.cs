using NotaGen.Training.Data;

namespace NotaGen.Training.Checkpoints;

/// <summary>The loop's counters, saved in every checkpoint (JSON in the file's metadata).</summary>
public sealed record TrainingState
{
    /// <summary>Optimizer updates completed.</summary>
    public int Step { get; init; }

    /// <summary>The next batch the loader serves.</summary>
    public DataPosition Position { get; init; } = DataPosition.Start;

    public double BestEvaluationLoss { get; init; } = double.PositiveInfinity;

    public int? BestStep { get; init; }

    /// <summary>Non-PAD characters trained on so far.</summary>
    public long Tokens { get; init; }

    /// <summary>Wall time spent training in earlier sessions of this run.</summary>
    public double ElapsedSeconds { get; init; }
}
