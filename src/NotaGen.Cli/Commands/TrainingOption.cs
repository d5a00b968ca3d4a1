using System.CommandLine;
using NotaGen.Training.Configuration;

namespace NotaGen.Cli.Commands;

/// <summary>
/// One <see cref="TrainingConfig"/> key that <c>notagen train</c> can set from the command line: its option and the
/// assignment it makes, declared together once (<see cref="TrainingOptions.Create"/>), so the option list and the overlay on
/// the configuration file cannot drift apart. An option not given leaves the file's value.
/// </summary>
internal sealed class TrainingOption
{
    private readonly Func<ParseResult, TrainingConfig, TrainingConfig> overlay;

    private TrainingOption(Option option, Func<ParseResult, TrainingConfig, TrainingConfig> overlay)
    {
        Option = option;
        this.overlay = overlay;
    }

    public Option Option { get; }

    /// <summary>The configuration with this option's value, when the command line gives one.</summary>
    public TrainingConfig Overlay(ParseResult parse, TrainingConfig config) => overlay(parse, config);

    /// <summary>A number (or other value type) key.</summary>
    public static TrainingOption Value<T>(string name, string description, Func<TrainingConfig, T, TrainingConfig> set) where T : struct
    {
        var option = new Option<T?>(name) { Description = description };
        return new(option, (parse, config) => parse.GetValue(option) is { } value ? set(config, value) : config);
    }

    /// <summary>A text key (a stage, a path, a name).</summary>
    public static TrainingOption Text(string name, string description, Func<TrainingConfig, string, TrainingConfig> set)
    {
        var option = new Option<string?>(name) { Description = description };
        return new(option, (parse, config) => parse.GetValue(option) is { } value ? set(config, value) : config);
    }

    /// <summary>A switch that can only turn a key on (the file may already have it on).</summary>
    public static TrainingOption Switch(string name, string description, Func<TrainingConfig, TrainingConfig> set)
    {
        var option = new Option<bool>(name) { Description = description };
        return new(option, (parse, config) => parse.GetValue(option) ? set(config) : config);
    }
}

/// <summary>The training keys <c>notagen train</c> takes as flags, each overriding the configuration file's key of the same name.</summary>
internal static class TrainingOptions
{
    /// <summary>A fresh set of the options (an option belongs to one command).</summary>
    public static IReadOnlyList<TrainingOption> Create() =>
    [
        TrainingOption.Text("--stage", "pretrain, finetune or dpo.", (c, v) => c with { Stage = v }),
        TrainingOption.Text("--data", "JSON Lines corpus (the train split trains).", (c, v) => c with { Data = v }),
        TrainingOption.Text("--validation-data", "JSON Lines for evaluation (default: --data's validation split).", (c, v) => c with { ValidationData = v }),
        TrainingOption.Text("--output", "Run directory.", (c, v) => c with { Output = v }),
        TrainingOption.Text("--preset", "Model preset: tiny, mini, small, medium, large.", (c, v) => c with { ModelPreset = v }),
        TrainingOption.Text("--init-from", "Checkpoint whose weights start the run.", (c, v) => c with { InitFrom = v }),
        TrainingOption.Value<int>("--steps", "Optimizer updates in the whole run.", (c, v) => c with { Steps = v }),
        TrainingOption.Value<double>("--learning-rate", "Peak learning rate.", (c, v) => c with { LearningRate = v }),
        TrainingOption.Value<int>("--warmup-steps", "Linear warm-up updates.", (c, v) => c with { WarmupSteps = v }),
        TrainingOption.Value<int>("--batch-patches", "Token budget per micro-batch, in patches.", (c, v) => c with { BatchPatches = v }),
        TrainingOption.Value<int>("--gradient-accumulation", "Micro-batches per update.", (c, v) => c with { GradientAccumulation = v }),
        TrainingOption.Value<long>("--seed", "Seed of every random draw.", (c, v) => c with { Seed = v }),
        TrainingOption.Switch("--adapters-only", "Fine-tune only adapters and style tables; the base stays frozen.", c => c with { AdaptersOnly = true }),
        TrainingOption.Value<int>("--threads", "Torch intra-op threads (fix it for bit-identical runs).", (c, v) => c with { Threads = v }),
        TrainingOption.Text("--device", "cpu or cuda.", (c, v) => c with { Device = v }),
        TrainingOption.Value<int>("--evaluate-every", "Evaluate every N updates (0: never).", (c, v) => c with { EvaluateEvery = v }),
        TrainingOption.Value<int>("--checkpoint-every", "Write last.ckpt every N updates.", (c, v) => c with { CheckpointEvery = v }),
        TrainingOption.Text("--dpo-pairs", "dpo stage: the preference set (JSON Lines, e.g. from `notagen dpo sample`).", (c, v) => c with { Dpo = c.Dpo with { Pairs = v } }),
    ];

    /// <summary><paramref name="config"/> with every option the command line gives.</summary>
    public static TrainingConfig Overlay(IEnumerable<TrainingOption> options, ParseResult parse, TrainingConfig config) =>
        options.Aggregate(config, (current, option) => option.Overlay(parse, current));
}
