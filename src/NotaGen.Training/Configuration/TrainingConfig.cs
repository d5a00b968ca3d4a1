using System.Text.Json;
using System.Text.Json.Serialization;
using NotaGen.Modeling.Configuration;
using NotaGen.Training.Optimization;

namespace NotaGen.Training.Configuration;

/// <summary>
/// A training run as <c>notagen train --config FILE.json</c> reads it (snake_case keys; every key optional except
/// <c>data</c> and <c>output</c>). The model is a preset (<c>model_preset</c>) or a full model config (<c>model</c>);
/// <c>style</c> replaces its conditioning switches (fine-tuning); the style vocabulary is collected from the training
/// labels when the model config has none.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>"pretrain", "finetune" or "dpo".</summary>
    public string Stage { get; init; } = TrainingStages.Pretrain;

    public string ModelPreset { get; init; } = "tiny";

    /// <summary>A full model configuration; overrides <see cref="ModelPreset"/>.</summary>
    public NotaGenConfig? Model { get; init; }

    /// <summary>Style conditioning switches for the model (fine-tuning); null keeps the model's.</summary>
    public StyleConditioning? Style { get; init; }

    /// <summary>Dropout override (NotaGen: 0.1).</summary>
    public double? Dropout { get; init; }

    /// <summary>A checkpoint whose weights start the run (pre-trained model for fine-tuning or DPO).</summary>
    public string? InitFrom { get; init; }

    /// <summary>JSON Lines corpus; the "train" split trains.</summary>
    public string Data { get; init; } = "";

    /// <summary>JSON Lines for evaluation; default: the "validation" split of <see cref="Data"/>.</summary>
    public string? ValidationData { get; init; }

    /// <summary>Run directory: checkpoints, log.jsonl, config.json.</summary>
    public string Output { get; init; } = "";

    public long Seed { get; init; }

    /// <summary>Optimizer updates in the whole run (the schedule's length).</summary>
    public int Steps { get; init; } = 1000;

    public double LearningRate { get; init; } = 1e-4;

    /// <summary>NotaGen's paper: 1,000.</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>The cosine decays to this fraction of the peak rate.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    public AdamWOptions Adamw { get; init; } = new();

    /// <summary>Token budget per micro-batch: pieces × longest piece, in patches.</summary>
    public int BatchPatches { get; init; } = 4096;

    public int MaxBatchPieces { get; init; } = int.MaxValue;

    /// <summary>Pieces sorted by length within windows of this size before batching (1: no sorting).</summary>
    public int SortWindow { get; init; } = 64;

    public int GradientAccumulation { get; init; } = 1;

    public double GradientClip { get; init; } = 1.0;

    public int EvaluateEvery { get; init; } = 100;

    public int CheckpointEvery { get; init; } = 100;

    /// <summary>Fine-tuning: freeze the base model, train only adapters and style tables.</summary>
    public bool AdaptersOnly { get; init; }

    /// <summary>Key augmentation by name (see <see cref="Data.KeyAugmentations"/>).</summary>
    public string Augmentation { get; init; } = "none";

    /// <summary>Torch intra-op threads; null leaves torch's default. Results are bit-identical only at a fixed count.</summary>
    public int? Threads { get; init; }

    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    public DpoConfig Dpo { get; init; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static TrainingConfig FromJson(string json, string source = "<config>")
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingConfig>(json, JsonOptions) ?? throw new ArgumentException($"{source}: empty configuration");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public TrainingConfig Validate()
    {
        static void Require(bool ok, string problem)
        {
            if (!ok) throw new ArgumentException($"Invalid training configuration: {problem}");
        }
        Require(TrainingStages.All.Contains(Stage), $"stage '{Stage}' is not one of {string.Join(", ", TrainingStages.All)}");
        Require(Data.Length > 0 || Stage == TrainingStages.Dpo, "data (a JSON Lines corpus) is required");
        Require(Output.Length > 0, "output (the run directory) is required");
        Require(Steps > 0, $"steps must be positive, got {Steps}");
        Require(LearningRate > 0, $"learning_rate must be positive, got {LearningRate}");
        Require(WarmupSteps >= 0 && MinLearningRateRatio is >= 0 and <= 1, "warmup_steps ≥ 0 and min_learning_rate_ratio in [0, 1]");
        Require(BatchPatches > 0 && MaxBatchPieces > 0 && SortWindow > 0, "batch_patches, max_batch_pieces and sort_window must be positive");
        Require(GradientAccumulation > 0, $"gradient_accumulation must be positive, got {GradientAccumulation}");
        Require(Device is "cpu" or "cuda", $"device must be cpu or cuda, got '{Device}'");
        Require(!AdaptersOnly || Stage != TrainingStages.Pretrain, "adapters_only applies to fine-tuning and DPO, not pre-training");
        return this;
    }
}

/// <summary>NotaGen's CLaMP-DPO settings (reference e.3).</summary>
public sealed record DpoConfig
{
    /// <summary>JSON Lines of preference pairs (chosen, rejected, labels); see <see cref="Preference.PreferencePair"/>.</summary>
    public string? Pairs { get; init; }

    public double Beta { get; init; } = 0.1;

    /// <summary>DPO-Positive's λ: penalty when the policy's chosen log-probability falls below the reference's.</summary>
    public double Lambda { get; init; } = 10;
}

public static class TrainingStages
{
    public const string Pretrain = "pretrain";
    public const string Finetune = "finetune";
    public const string Dpo = "dpo";

    public static IReadOnlyList<string> All { get; } = [Pretrain, Finetune, Dpo];
}
