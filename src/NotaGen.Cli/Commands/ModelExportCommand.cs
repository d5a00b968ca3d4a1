using System.CommandLine;
using NotaGen.Generation.Prompts;
using NotaGen.Modeling.Weights;
using NotaGen.Music.IO;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Data;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen model export --checkpoint RUN/best.ckpt --data CORPUS.jsonl --out DIR</c>: a training checkpoint becomes a
/// model directory that <c>generate</c> loads: <c>config.json</c>, <c>model.safetensors</c> (adapters apart),
/// <c>prompts.tsv</c> (the style triples of the training split, with their piece counts) and a copy of the run's
/// <c>log.jsonl</c> for training-curve figures.
/// </summary>
internal static class ModelExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "A checkpoint written by `notagen train` (best.ckpt or last.ckpt).", Required = true };
        var data = new Option<FileInfo?>("--data") { Description = "The JSON Lines corpus the model was trained on: its train split gives prompts.tsv." };
        var output = new Option<DirectoryInfo>("--out") { Description = "The model directory to write.", Required = true };
        var command = new Command("export", "Turn a training checkpoint into a model directory for `notagen generate`.") { checkpoint, data, output };
        command.SetAction(parseResult =>
        {
            var checkpointFile = parseResult.GetValue(checkpoint)!;
            var directory = parseResult.GetValue(output)!.FullName;
            try
            {
                using (var model = ModelWeights.FromCheckpoint(checkpointFile.FullName))
                {
                    ModelDirectory.Save(model, directory);
                    Console.WriteLine($"{directory}: {model.Config.Preset} model from {checkpointFile.Name} ({model.CountParameters():N0} parameters)");
                }
                if (parseResult.GetValue(data) is { } corpus)
                {
                    var catalog = CatalogOf(TrainingPieceReader.Read(corpus.FullName, Splits.Train));
                    catalog.Save(Path.Combine(directory, PromptCatalog.FileName));
                    Console.WriteLine($"{PromptCatalog.FileName}: {catalog.Entries.Count} prompts from {corpus.Name}'s train split");
                }
                var log = Path.Combine(checkpointFile.DirectoryName ?? ".", "log.jsonl");
                if (File.Exists(log))
                    AtomicFile.WriteAllText(Path.Combine(directory, "log.jsonl"), File.ReadAllText(log));
                return 0;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or WeightFileException)
            {
                Console.Error.WriteLine($"notagen model export: {error.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Every fully labelled (period, composer, instrumentation) of the pieces, with how many pieces carry it.</summary>
    public static PromptCatalog CatalogOf(IEnumerable<TrainingPiece> pieces) =>
        new(pieces
            .Select(p => p.Labels)
            .Where(l => l is { Period: not null, Composer: not null, Instrumentation: not null })
            .Select(l => (new StylePrompt(l!.Period!, l.Composer!, l.Instrumentation!), 1)));
}
