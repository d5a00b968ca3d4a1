using System.CommandLine;
using NotaGen.Music;
using NotaGen.Training;
using NotaGen.Training.Configuration;
using NotaGen.Training.Logging;
using NotaGen.Training.Preference;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen train --config FILE.json [--resume] [flags]</c>: pre-training, fine-tuning or DPO from a JSON
/// configuration (see <see cref="TrainingConfig"/>); each flag overrides the file's key of the same name. Writes
/// <c>last.ckpt</c>, <c>best.ckpt</c>, <c>log.jsonl</c> and <c>config.json</c> into the output directory. Ctrl+C stops
/// after the current update and writes <c>last.ckpt</c>, so <c>--resume</c> continues.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Training configuration (JSON, snake_case keys)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the output directory's last.ckpt." };
        var stage = new Option<string?>("--stage") { Description = "pretrain, finetune or dpo." };
        var data = new Option<string?>("--data") { Description = "JSON Lines corpus (the train split trains)." };
        var validation = new Option<string?>("--validation-data") { Description = "JSON Lines for evaluation (default: --data's validation split)." };
        var output = new Option<string?>("--output") { Description = "Run directory." };
        var preset = new Option<string?>("--preset") { Description = "Model preset: tiny, mini, small, medium, large." };
        var initFrom = new Option<string?>("--init-from") { Description = "Checkpoint whose weights start the run." };
        var steps = new Option<int?>("--steps") { Description = "Optimizer updates in the whole run." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Peak learning rate." };
        var warmup = new Option<int?>("--warmup-steps") { Description = "Linear warm-up updates." };
        var batchPatches = new Option<int?>("--batch-patches") { Description = "Token budget per micro-batch, in patches." };
        var accumulation = new Option<int?>("--gradient-accumulation") { Description = "Micro-batches per update." };
        var seed = new Option<long?>("--seed") { Description = "Seed of every random draw." };
        var adaptersOnly = new Option<bool>("--adapters-only") { Description = "Fine-tune only adapters and style tables; the base stays frozen." };
        var threads = new Option<int?>("--threads") { Description = "Torch intra-op threads (fix it for bit-identical runs)." };
        var device = new Option<string?>("--device") { Description = "cpu or cuda." };
        var evaluateEvery = new Option<int?>("--evaluate-every") { Description = "Evaluate every N updates (0: never)." };
        var checkpointEvery = new Option<int?>("--checkpoint-every") { Description = "Write last.ckpt every N updates." };
        var dpoPairs = new Option<string?>("--dpo-pairs") { Description = "dpo stage: the preference set (JSON Lines, e.g. from `notagen dpo sample`)." };

        var command = new Command("train", "Train a NotaGen model: pre-training, fine-tuning (full or adapters only) or DPO.")
        {
            config, resume, stage, data, validation, output, preset, initFrom, steps, learningRate, warmup, batchPatches,
            accumulation, seed, adaptersOnly, threads, device, evaluateEvery, checkpointEvery, dpoPairs,
        };
        command.SetAction((parse, cancellation) =>
        {
            try
            {
                var file = parse.GetValue(config);
                var settings = file is null ? new TrainingConfig() : TrainingConfig.FromJson(File.ReadAllText(file.FullName), file.Name);
                settings = settings with
                {
                    Stage = parse.GetValue(stage) ?? settings.Stage,
                    Data = parse.GetValue(data) ?? settings.Data,
                    ValidationData = parse.GetValue(validation) ?? settings.ValidationData,
                    Output = parse.GetValue(output) ?? settings.Output,
                    ModelPreset = parse.GetValue(preset) ?? settings.ModelPreset,
                    InitFrom = parse.GetValue(initFrom) ?? settings.InitFrom,
                    Steps = parse.GetValue(steps) ?? settings.Steps,
                    LearningRate = parse.GetValue(learningRate) ?? settings.LearningRate,
                    WarmupSteps = parse.GetValue(warmup) ?? settings.WarmupSteps,
                    BatchPatches = parse.GetValue(batchPatches) ?? settings.BatchPatches,
                    GradientAccumulation = parse.GetValue(accumulation) ?? settings.GradientAccumulation,
                    Seed = parse.GetValue(seed) ?? settings.Seed,
                    AdaptersOnly = parse.GetValue(adaptersOnly) || settings.AdaptersOnly,
                    Threads = parse.GetValue(threads) ?? settings.Threads,
                    Device = parse.GetValue(device) ?? settings.Device,
                    EvaluateEvery = parse.GetValue(evaluateEvery) ?? settings.EvaluateEvery,
                    CheckpointEvery = parse.GetValue(checkpointEvery) ?? settings.CheckpointEvery,
                    Dpo = settings.Dpo with { Pairs = parse.GetValue(dpoPairs) ?? settings.Dpo.Pairs },
                };
                settings.Validate();
                var progress = new ConsoleProgress(Console.Out, interactive: !Console.IsOutputRedirected);
                var state = settings.Stage == TrainingStages.Dpo
                    ? RunPreference(settings, parse.GetValue(resume), progress, cancellation)
                    : RunLanguageModel(settings, parse.GetValue(resume), progress, cancellation);
                Console.Out.WriteLine($"\nstopped at step {state.Step}; checkpoints and log.jsonl in {settings.Output}");
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MusicFormatException or ArgumentException or InvalidDataException)
            {
                Console.Error.WriteLine($"notagen train: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static Training.Checkpoints.TrainingState RunLanguageModel(TrainingConfig settings, bool resume, ITrainingObserver progress, CancellationToken cancellation)
    {
        using var session = TrainingSession.Open(settings, resume, progress);
        foreach (var skipped in session.TrainSet.Skipped.Concat(session.ValidationSet?.Skipped ?? []))
            Console.Error.WriteLine($"notagen train: skipped {skipped}");
        Console.Out.WriteLine($"{settings.Stage}: {session.TrainSet.Count} training pieces, {session.ValidationSet?.Count ?? 0} validation pieces, " +
            $"{session.Model.CountParameters():N0} parameters ({session.Model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()):N0} trained)");
        return session.Run(cancellation: cancellation);
    }

    private static Training.Checkpoints.TrainingState RunPreference(TrainingConfig settings, bool resume, ITrainingObserver progress, CancellationToken cancellation)
    {
        using var session = PreferenceSession.Open(settings, resume, progress);
        Console.Out.WriteLine($"dpo: {session.PairCount} preference pairs, β = {settings.Dpo.Beta}, λ = {settings.Dpo.Lambda}");
        return session.Run(cancellation: cancellation);
    }
}
