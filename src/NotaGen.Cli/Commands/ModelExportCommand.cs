using System.CommandLine;
using NotaGen.Corpus.Output;
using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Checkpoints;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen model export DIR --format notagen-pth --out FILE.pth</c>: a model directory as a PyTorch checkpoint that
/// NotaGen's own scripts load strictly (plain models only: NotaGen has no style mechanisms; <c>--merge-style
/// PERIOD/COMPOSER/INSTRUMENTATION</c> folds one style's embeddings and adapters into plain weights first).
/// <c>notagen model export --checkpoint RUN/last.ckpt --format notagen-pth --with-optimizer --out FILE.pth</c>: a
/// training checkpoint as the full checkpoint NotaGen's training scripts resume from (<c>LOAD_FROM_CHECKPOINT</c>):
/// weights, AdamW moments, scheduler state and epoch counters.
/// <c>notagen model export --checkpoint RUN/best.ckpt --data CORPUS.jsonl --out DIR</c>: a training checkpoint becomes a
/// model directory that <c>generate</c> loads: <c>config.json</c>, <c>model.safetensors</c> (adapters apart),
/// <c>prompts.tsv</c> (the style triples of the training split, with their piece counts) and a copy of the run's
/// <c>log.jsonl</c> for training-curve figures.
/// </summary>
internal static class ModelExportCommand
{
    public const string ModelDirectoryFormat = "model-dir";
    public const string NotaGenPthFormat = "notagen-pth";

    public static Command Create()
    {
        var model = new Argument<DirectoryInfo?>("DIR")
        {
            Description = $"With --format {NotaGenPthFormat}: the model directory to export.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "A checkpoint written by `notagen train` (best.ckpt or last.ckpt)." };
        var data = new Option<FileInfo?>("--data") { Description = "The JSON Lines corpus the model was trained on: its train split gives prompts.tsv." };
        var format = new Option<string>("--format")
        {
            Description = $"{ModelDirectoryFormat}: a training checkpoint as a model directory; {NotaGenPthFormat}: a model directory as a " +
                "PyTorch checkpoint NotaGen's scripts load (model.load_state_dict(torch.load(f)['model'])).",
            DefaultValueFactory = _ => ModelDirectoryFormat,
        };
        format.AcceptOnlyFromAmong(ModelDirectoryFormat, NotaGenPthFormat);
        var mergeStyle = new Option<string?>("--merge-style")
        {
            Description = $"With --format {NotaGenPthFormat}: fold one style, PERIOD/COMPOSER/INSTRUMENTATION (values of the model's " +
                "style vocabulary, \"other\" allowed), into plain weights: style embeddings join the patch embedding's bias and " +
                "adapters join their projections' weights (exact up to float rounding). A style attention bias cannot be folded: refused.",
        };
        var withOptimizer = new Option<bool>("--with-optimizer")
        {
            Description = $"With --format {NotaGenPthFormat} and --checkpoint: write NotaGen's full training checkpoint ('model', AdamW's " +
                "'optimizer' state, 'lr_sched', 'epoch', 'best_epoch', 'min_eval_loss'), which NotaGen's LOAD_FROM_CHECKPOINT resumes from.",
        };
        var output = new Option<string>("--out") { Description = "The model directory (or, with --format notagen-pth, the .pth file) to write.", Required = true };
        var command = new Command("export",
            "Turn a training checkpoint into a model directory for `notagen generate`, or a model directory into a NotaGen .pth checkpoint.")
        {
            model, checkpoint, data, format, mergeStyle, withOptimizer, output,
        };
        command.SetAction(parseResult =>
        {
            var target = Path.GetFullPath(parseResult.GetValue(output)!);
            var optimizerState = parseResult.GetValue(withOptimizer);
            if (parseResult.GetValue(format) == NotaGenPthFormat)
            {
                var (directory, trainingCheckpoint) = (parseResult.GetValue(model), parseResult.GetValue(checkpoint));
                if (trainingCheckpoint is not null && directory is null && parseResult.GetValue(mergeStyle) is null)
                    return ExportTrainingCheckpointPth(trainingCheckpoint.FullName, optimizerState, target);
                if (directory is null || trainingCheckpoint is not null)
                {
                    Console.Error.WriteLine($"notagen model export: --format {NotaGenPthFormat} takes a model directory DIR or a training checkpoint --checkpoint CKPT, not both" +
                        (parseResult.GetValue(mergeStyle) is null ? "." : " (--merge-style takes a model directory)."));
                    return 2;
                }
                if (optimizerState)
                {
                    Console.Error.WriteLine($"notagen model export: {directory.FullName}: a model directory holds no optimizer state; --with-optimizer " +
                        "exports a training checkpoint: --checkpoint RUN/last.ckpt (or best.ckpt) written by `notagen train`.");
                    return 2;
                }
                return ExportPth(directory.FullName, parseResult.GetValue(mergeStyle), target);
            }
            if (optimizerState)
            {
                Console.Error.WriteLine($"notagen model export: --with-optimizer needs --format {NotaGenPthFormat}.");
                return 2;
            }
            if (parseResult.GetValue(mergeStyle) is not null)
            {
                Console.Error.WriteLine($"notagen model export: --merge-style needs --format {NotaGenPthFormat}.");
                return 2;
            }
            if (parseResult.GetValue(checkpoint) is not { } checkpointFile || parseResult.GetValue(model) is not null)
            {
                Console.Error.WriteLine($"notagen model export: --format {ModelDirectoryFormat} needs --checkpoint CKPT (and no DIR).");
                return 2;
            }
            return ExportCheckpoint(checkpointFile, parseResult.GetValue(data), target);
        });
        return command;
    }

    private static int ExportPth(string directory, string? style, string file)
    {
        try
        {
            using var model = ModelDirectory.Load(directory);
            if (style is null)
            {
                NotaGenPthExport.Write(model, file);
                Console.WriteLine($"{file}: NotaGen checkpoint {{'model': state_dict}} of {directory} ({model.CountParameters():N0} parameters)");
                return 0;
            }
            using var merged = StyleMerge.Merge(model, ParseStyle(model.Config.Styles, style));
            NotaGenPthExport.Write(merged, file);
            Console.WriteLine($"{file}: NotaGen checkpoint {{'model': state_dict}} of {directory} with style {style} merged " +
                $"({merged.CountParameters():N0} parameters)");
            return 0;
        }
        catch (InvalidOperationException error)
        {
            Console.Error.WriteLine($"notagen model export: {directory}: {error.Message}");
            return 1;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or WeightFileException)
        {
            Console.Error.WriteLine($"notagen model export: {error.Message}");
            return 1;
        }
    }

    private static int ExportTrainingCheckpointPth(string checkpointFile, bool withOptimizer, string file)
    {
        try
        {
            if (withOptimizer)
            {
                using var stored = TrainingCheckpoint.Read(checkpointFile);
                NotaGenResumeExport.Write(stored, checkpointFile, file);
                Console.WriteLine($"{file}: NotaGen training checkpoint {{'model', 'optimizer', 'lr_sched', 'epoch', 'best_epoch', 'min_eval_loss'}} " +
                    $"of {checkpointFile} ({stored.OptimizerSteps} AdamW steps, epoch {stored.State.Position.Epoch})");
                return 0;
            }
            using var model = ModelWeights.FromCheckpoint(checkpointFile);
            NotaGenPthExport.Write(model, file);
            Console.WriteLine($"{file}: NotaGen checkpoint {{'model': state_dict}} of {checkpointFile} ({model.CountParameters():N0} parameters)");
            return 0;
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException
            or ArgumentException or WeightFileException)
        {
            // The messages name the checkpoint (or, for the model's own refusals below, are prefixed with it).
            var message = error.Message.Contains(checkpointFile, StringComparison.Ordinal) ? error.Message : $"{checkpointFile}: {error.Message}";
            Console.Error.WriteLine($"notagen model export: {message}");
            return 1;
        }
    }

    /// <summary>PERIOD/COMPOSER/INSTRUMENTATION as labels; every value must be in the vocabulary (a typo must not merge "other").</summary>
    private static StyleRows ParseStyle(StyleVocabulary vocabulary, string style)
    {
        var parts = style.Split('/');
        if (parts.Length != 3)
            throw new InvalidOperationException($"--merge-style \"{style}\" is not PERIOD/COMPOSER/INSTRUMENTATION.");
        static int Find(IReadOnlyList<string> axis, string value, string name)
        {
            for (var i = 0; i < axis.Count; i++)
                if (axis[i] == value) return i;
            throw new InvalidOperationException($"--merge-style: {name} \"{value}\" is not in the model's vocabulary ({string.Join(", ", axis)}).");
        }
        return new StyleRows(Find(vocabulary.Periods, parts[0], "period"), Find(vocabulary.Composers, parts[1], "composer"),
            Find(vocabulary.Instrumentations, parts[2], "instrumentation"));
    }

    private static int ExportCheckpoint(FileInfo checkpointFile, FileInfo? data, string directory)
    {
        try
        {
            using (var model = ModelWeights.FromCheckpoint(checkpointFile.FullName))
            {
                ModelDirectory.Save(model, directory);
                Console.WriteLine($"{directory}: {model.Config.Preset} model from {checkpointFile.Name} ({model.CountParameters():N0} parameters)");
            }
            if (data is { } corpus)
            {
                var catalog = CatalogOf(CorpusReader.Read(corpus.FullName, CorpusSplits.Train));
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
    }

    /// <summary>Every fully labelled (period, composer, instrumentation) of the pieces, with how many pieces carry it.</summary>
    public static PromptCatalog CatalogOf(IEnumerable<CorpusPiece> pieces) =>
        new(pieces
            .Select(p => p.Labels)
            .Where(l => l is { Period: not null, Composer: not null, Instrumentation: not null })
            .Select(l => (new StylePrompt(l!.Period!, l.Composer!, l.Instrumentation!), 1)));
}
