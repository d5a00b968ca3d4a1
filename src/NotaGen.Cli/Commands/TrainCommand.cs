using System.CommandLine;
using NotaGen.Music;
using NotaGen.Training;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Logging;
using NotaGen.Training.Preference;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen train --config FILE.json [--resume] [flags]</c>: pre-training, fine-tuning or DPO from a JSON
/// configuration (see <see cref="TrainingConfig"/>); each flag (<see cref="TrainingOptions"/>) overrides the file's key of the same name. Writes
/// <c>last.ckpt</c>, <c>best.ckpt</c>, <c>log.jsonl</c> and <c>config.json</c> into the output directory. Ctrl+C stops
/// after the current update, writes <c>last.ckpt</c> (atomically), so <c>--resume</c> continues, and exits 130.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Training configuration (JSON, snake_case keys)." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the output directory's last.ckpt." };
        var command = new Command("train", "Train a NotaGen model: pre-training, fine-tuning (full or adapters only) or DPO.")
        {
            config, resume,
        };
        var overrides = TrainingOptions.Create();
        foreach (var option in overrides)
            command.Options.Add(option.Option);
        command.SetAction(Interrupt.Cancels((parse, cancellation) =>
        {
            try
            {
                var file = parse.GetValue(config);
                var settings = file is null ? new TrainingConfig() : TrainingConfig.FromJson(File.ReadAllText(file.FullName), file.Name);
                settings = TrainingOptions.Overlay(overrides, parse, settings);
                settings.Validate();
                var progress = new ConsoleProgress(Console.Out, interactive: !Console.IsOutputRedirected);
                var state = settings.Stage == TrainingStages.Dpo
                    ? RunPreference(settings, parse.GetValue(resume), progress, cancellation)
                    : RunLanguageModel(settings, parse.GetValue(resume), progress, cancellation);
                Console.Out.WriteLine($"\nstopped at step {state.Step}; checkpoints and log.jsonl in {settings.Output}");
                if (state.Step >= settings.Steps)
                    return 0;
                // Only a cancellation ends the loop early; the trainer wrote last.ckpt at the step it stopped on.
                Console.Error.WriteLine($"notagen train: interrupted at step {state.Step}/{settings.Steps}; "
                    + $"{Path.Combine(settings.Output, CheckpointStore.LastName)} holds it, and the same command with --resume continues from there.");
                return CliExit.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MusicFormatException or ArgumentException or InvalidDataException)
            {
                Console.Error.WriteLine($"notagen train: {e.Message}");
                return 1;
            }
        }));
        return command;
    }

    private static TrainingState RunLanguageModel(TrainingConfig settings, bool resume, ITrainingObserver progress, CancellationToken cancellation)
    {
        using var session = TrainingSession.Open(settings, resume, progress);
        foreach (var skipped in session.TrainSet.Skipped.Concat(session.ValidationSet?.Skipped ?? []))
            Console.Error.WriteLine($"notagen train: skipped {skipped}");
        Console.Out.WriteLine($"{settings.Stage}: {session.TrainSet.Count} training pieces, {session.ValidationSet?.Count ?? 0} validation pieces, " +
            $"{session.Model.CountParameters():N0} parameters ({session.Model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()):N0} trained)");
        return session.Run(cancellation: cancellation);
    }

    private static TrainingState RunPreference(TrainingConfig settings, bool resume, ITrainingObserver progress, CancellationToken cancellation)
    {
        using var session = PreferenceSession.Open(settings, resume, progress);
        Console.Out.WriteLine($"dpo: {session.PairCount} preference pairs, β = {settings.Dpo.Beta}, λ = {settings.Dpo.Lambda}");
        return session.Run(cancellation: cancellation);
    }
}
