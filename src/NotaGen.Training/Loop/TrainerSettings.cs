using NotaGen.Modeling.Configuration;
using NotaGen.Training.Optimization;

namespace NotaGen.Training.Loop;

/// <summary>The loop's knobs, resolved from a <see cref="Configuration.TrainingConfig"/>.</summary>
public sealed record TrainerSettings
{
    public required LearningRateSchedule Schedule { get; init; }

    /// <summary>Micro-batches whose gradients add up to one optimizer update.</summary>
    public int GradientAccumulation { get; init; } = 1;

    /// <summary>Maximum global gradient norm; ≤ 0 turns clipping off.</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Evaluate every N updates (0: never).</summary>
    public int EvaluateEvery { get; init; }

    /// <summary>Write <c>last.ckpt</c> every N updates (0: only at the end).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Saved in checkpoints so a resume can rebuild the model.</summary>
    public required NotaGenConfig ModelConfig { get; init; }

    public string TrainingConfigJson { get; init; } = "{}";
}
