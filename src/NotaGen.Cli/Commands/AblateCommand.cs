using System.CommandLine;
using NotaGen.Evaluation.Runner;
using NotaGen.Evaluation.Style;
using NotaGen.Evaluation.Validity;
using NotaGen.Modeling;
using NotaGen.Modeling.Runtime;
using NotaGen.Modeling.Weights;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Checkpoints;
using NotaGen.Visualization.Charts;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen ablate --model DIR --prompt P/C/I|--prompts FILE --grid G --samples-per-cell N --seed S --out DIR</c>:
/// generates every cell of a sampling grid (top_k, top_p, temperature, order), evaluates each piece, and writes
/// results.csv (one row per cell and prompt), the pieces under cells/, and figures beside results.csv (each metric by
/// temperature, top_k × top_p heatmaps; HTML, SVG/PNG with Chromium, CSV data). Rerun to resume: finished cells are skipped.
/// With several <c>--model</c>s (a conditioning ablation) each model runs the grid into models/NAME/ (with its figures) and
/// results.csv holds one row per model, cell and prompt. <c>--jobs N</c> generates N pieces at once, with the same
/// results as one at a time. Ctrl-C gives up the cell in hand, writes results.csv of the finished cells and exits 130.
/// </summary>
internal static class AblateCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model")
        {
            Description = "A saved model folder (config.json, model.safetensors), or a training checkpoint (.ckpt). Repeat it to compare models "
                + "(e.g. one per style conditioning): each runs the same grid into models/NAME/ and results.csv gains model, conditioning and validation_loss columns.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var prompt = new Option<string[]>("--prompt") { Description = "A prompt as Period/Composer/Instrumentation (repeatable).", AllowMultipleArgumentsPerToken = false };
        var prompts = new Option<string?>("--prompts") { Description = "A file of prompts, one Period/Composer/Instrumentation (or tab-separated) per line; '#' starts a comment." };
        var grid = new Option<string>("--grid") { Description = "Axes and values, e.g. \"top_k=5,9;top_p=0.9,0.95;temperature=0.8,1.2;order=notagen,temperature-first\".", DefaultValueFactory = _ => "temperature=1.2" };
        var perCell = new Option<int>("--samples-per-cell") { Description = "Pieces per prompt and cell.", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "The run's seed (each piece's seed derives from it, its cell, prompt and index).", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder for results.csv and cells/.", Required = true };
        var maxPatches = new Option<int?>("--max-patches") { Description = "Stop each piece after this many patches (default: NotaGen's limits only)." };
        var styleModel = new Option<string?>("--style-model") { Description = "Style classifiers (saved by 'classify --save') for label accuracy and style score." };
        var styleOfUnparsed = new Option<bool>("--style-of-unparsed") { Description = "Label accuracy and style score also for pieces read despite parse errors (small models); not comparable with strict runs." };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads (0 = torch's default; 1 when --jobs > 1).", DefaultValueFactory = _ => 0 };
        var jobs = new Option<int>("--jobs") { Description = "Pieces generated at once (same results as one at a time).", DefaultValueFactory = _ => 1 };
        var noStatic = new Option<bool>("--no-static") { Description = "Figures as HTML only (SVG/PNG need headless Chromium, Debian chromium)." };
        var command = new Command("ablate", "Sampling ablation: generate and evaluate every cell of a grid, resumable.")
        {
            model, prompt, prompts, grid, perCell, seed, output, maxPatches, styleModel, threads, jobs, styleOfUnparsed, noStatic,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) => CliExit.Run(() =>
        {
            var list = ReadPrompts(parse.GetValue(prompt) ?? [], parse.GetValue(prompts));
            var cells = AblationGrid.Parse(parse.GetValue(grid)!);
            var samples = parse.GetValue(perCell);
            if (samples < 1) throw new ArgumentException("--samples-per-cell must be at least 1");
            if (parse.GetValue(jobs) < 1) throw new ArgumentException("--jobs must be at least 1");
            // Parallel pieces each want a core: torch's own threads on top would oversubscribe them.
            TorchRuntime.Initialize(parse.GetValue(threads) is > 0 and var n ? n : parse.GetValue(jobs) > 1 ? 1 : null);
            var models = parse.GetValue(model)!;
            var styles = parse.GetValue(styleModel) is { } stylePath ? StyleModel.Load(stylePath) : null;
            using var features = styles is null ? null : StyleFeatureExtractor.Open(styles.Features);
            var evaluator = new SampleEvaluator(null, styles, Abc2MidiCheck.FindOnPath(), features, parse.GetValue(styleOfUnparsed));
            var outDir = parse.GetValue(output)!;
            Directory.CreateDirectory(outDir);
            var plan = new AblationPlan(list, samples, parse.GetValue(seed), parse.GetValue(maxPatches));
            if (models.Length > 1)
            {
                var compared = new ConditioningAblationRunner(evaluator, Console.WriteLine) { Jobs = parse.GetValue(jobs) }
                    .Run(models.Select(ConditionedModelOf).ToList(), cells, plan, outDir, cancellation);
                if (cancellation.IsCancellationRequested)
                    return Interrupted(outDir);
                Console.WriteLine($"{compared.Count} models × {cells.Count} cells × {list.Count} prompts × {samples} pieces; wrote {Path.Combine(outDir, AblationRunner.ResultsFile)}");
                foreach (var (each, _, _) in compared)
                    WriteFigures(Path.Combine(outDir, ConditioningAblationRunner.ModelsFolder, each.Name), parse.GetValue(noStatic));
                return CliExit.Success;
            }
            using var loaded = LoadModel(models[0]);
            var runner = new AblationRunner(loaded, evaluator, Console.WriteLine) { Jobs = parse.GetValue(jobs) };
            var results = runner.Run(cells, plan, outDir, cancellation);
            if (cancellation.IsCancellationRequested)
                return Interrupted(outDir);
            Console.WriteLine($"{results.Count} cells × {list.Count} prompts × {samples} pieces; wrote {Path.Combine(outDir, AblationRunner.ResultsFile)}");
            WriteFigures(outDir, parse.GetValue(noStatic));
            return CliExit.Success;
        })));
        return command;
    }

    /// <summary>Ctrl-C: the finished cells are kept and listed in results.csv; no figures for a partial grid.</summary>
    private static int Interrupted(string outDir)
    {
        Console.Error.WriteLine($"notagen ablate: interrupted; {Path.Combine(outDir, AblationRunner.ResultsFile)} holds the cells finished so far "
            + "(the cell in hand was given up), and the same command resumes, skipping them.");
        return CliExit.Interrupted;
    }

    /// <summary>
    /// One model of a comparison, named by its folder (a checkpoint by its run folder and file: <c>run-best</c>), with the
    /// best validation loss of the training log beside it (model folders from <c>notagen model export</c> carry log.jsonl).
    /// </summary>
    private static ConditionedModel ConditionedModelOf(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var isCheckpoint = File.Exists(full) && full.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase);
        var folder = isCheckpoint ? Path.GetDirectoryName(full)! : full;
        var name = isCheckpoint ? $"{Path.GetFileName(folder)}-{Path.GetFileNameWithoutExtension(full)}" : Path.GetFileName(full);
        return new ConditionedModel(name, () => LoadModel(path), ConditioningAblationRunner.BestValidationLoss(Path.Combine(folder, "log.jsonl")));
    }

    /// <summary>The figures beside results.csv (from the file, so a resumed run draws every finished cell).</summary>
    private static void WriteFigures(string outDir, bool htmlOnly)
    {
        var staticImages = !htmlOnly;
        if (staticImages)
        {
            try { ChartImage.FindChromium(); }
            catch (FileNotFoundException e)
            {
                Console.WriteLine($"figures as HTML only: {e.Message}");
                staticImages = false;
            }
        }
        var files = AblationFigures.Write(AblationResults.Read(Path.Combine(outDir, AblationRunner.ResultsFile)), outDir, staticImages);
        Console.WriteLine($"{files.Count} figure files ({(staticImages ? "HTML, SVG, PNG" : "HTML")} and CSV data) in {outDir}");
    }

    /// <summary>A model folder, or the weights of a training checkpoint (to look at a run before it ends).</summary>
    private static NotaGenModel LoadModel(string path)
    {
        if (!File.Exists(path) || !path.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase))
            return ModelDirectory.Load(path);
        using var checkpoint = TrainingCheckpoint.Read(path);
        var model = NotaGenModel.Create(checkpoint.ModelConfig);
        ModelWeights.Load(model, checkpoint.Model, strict: true);
        return model;
    }

    private static List<StylePrompt> ReadPrompts(string[] given, string? file)
    {
        var lines = given.ToList();
        if (file is not null)
            lines.AddRange(File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        if (lines.Count == 0) throw new ArgumentException("give at least one --prompt Period/Composer/Instrumentation or a --prompts file");
        return lines.Select((line, i) =>
        {
            return StylePrompt.TryParse(line, line.Contains('\t', StringComparison.Ordinal) ? '\t' : '/')
                ?? throw new ArgumentException($"{file ?? "--prompt"}:{i + 1}: '{line}' is not Period/Composer/Instrumentation");
        }).ToList();
    }
}
