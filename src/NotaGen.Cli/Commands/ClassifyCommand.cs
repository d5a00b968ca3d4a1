using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Pieces;
using NotaGen.Evaluation.Style;
using NotaGen.Modeling.Runtime;
using NotaGen.Music;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen classify FILE... [--model style.json | --corpus CORPUS] [--save style.json] [--json]</c>: the style
/// classifiers (period, instrumentation, composer). With <c>--corpus</c> a built corpus (JSON Lines) trains them on its
/// train split and their accuracy on its test split is printed (stderr); a folder of scores with an <c>index.tsv</c>
/// (the shared corpus) trains them on all its labelled scores. With neither, the default classifiers are used: trained
/// on first use from the shared corpus and cached (<see cref="DefaultStyleClassifier"/>), and one line on stderr names
/// them and their held-out accuracy; <c>--card</c> prints their card (<see cref="StyleClassifierCard"/>). <c>--evaluate --corpus DIR</c>
/// runs the grouped cross-validation on an indexed folder instead (<see cref="ClassifyEvaluation"/>). <c>--save</c>
/// keeps the classifiers for <c>--model</c>. With <c>--json</c>
/// each file gives one line <c>{"path", "period", "instrumentation", "composer", "scores": {axis: {label: p}}}</c>
/// (the five most probable labels per axis). A file that cannot be read is reported and skipped; the exit code is 1
/// when any was. <c>--features model [--features-model DIR]</c> trains on the second feature family, a NotaGen model's
/// mean-pooled patch-level hidden states (default: the bundled model); saved classifiers remember their family and
/// model folder. (<c>--model</c> keeps its meaning, the saved classifiers, hence <c>--features-model</c>.) Feature
/// reading and cross-validation show a progress line (rate, ETA); Ctrl-C stops between scores, folds and learner
/// steps, writes no classifiers, card or table (the style feature cache keeps the scores read so far), says what was
/// not written and exits 130.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Scores to classify: ABC (standard or NotaGen's format), MusicXML/.mxl or MIDI.", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string?>("--model") { Description = "Style classifiers saved with --save." };
        var corpus = new Option<string?>("--corpus") { Description = "A corpus (JSON Lines file or 'corpus build' folder) to train the classifiers on (train split) and test them on (test split)." };
        var save = new Option<string?>("--save") { Description = "Write the trained classifiers to this file." };
        var take = new Option<int?>("--take") { Description = "Use at most this many labelled pieces per split (the first ones), for a quick run." };
        var jobs = new Option<int>("--jobs") { Description = "Pieces read at once while training.", DefaultValueFactory = _ => 1 };
        var card = new Option<bool>("--card") { Description = "Print the card of the default classifiers (training data and licences, learner, held-out figures per class, calibration, what they cannot judge), training them first on first use." };
        var json = new Option<bool>("--json") { Description = "One JSON object per file and line." };
        var family = new Option<string>("--features") { Description = "Feature family to train on: handcrafted (pitch, interval, rhythm, texture statistics) or model (a NotaGen model's mean-pooled hidden states).", DefaultValueFactory = _ => StyleFeatureSource.HandcraftedFamily };
        family.AcceptOnlyFromAmong(StyleFeatureSource.HandcraftedFamily, StyleFeatureSource.ModelFamily);
        var featuresModel = new Option<string?>("--features-model") { Description = "The NotaGen model folder whose hidden states are the features of --features model (default: the bundled model)." };
        var maxPatches = new Option<int>("--max-patches") { Description = "Patches per piece the model family reads (head of the piece).", DefaultValueFactory = _ => 128 };
        var evaluate = new Option<bool>("--evaluate") { Description = "Grouped cross-validation on --corpus DIR (a folder of scores with index.tsv): per-class precision/recall, confusion tables, macro-F1, calibration; tables printed, CSV written to --out." };
        var groupBy = new Option<StyleGrouping>("--group-by") { Description = "What --evaluate keeps out of training whole: Work (a work or collection; unseen pieces of seen sources), Composer (unseen composers) or Source (unseen collections, the index's source column).", DefaultValueFactory = _ => StyleGrouping.Work };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the assignment of groups to folds.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder for --evaluate's CSV files.", DefaultValueFactory = _ => "style-evaluation" };
        var iterations = new Option<int>("--iterations") { Description = "--evaluate: gradient steps of each logistic regression.", DefaultValueFactory = _ => DefaultStyleClassifier.Training.Iterations };
        var l2 = new Option<double>("--l2") { Description = "--evaluate: L2 penalty of each logistic regression.", DefaultValueFactory = _ => DefaultStyleClassifier.Training.L2 };
        var balanced = new Option<bool>("--balanced") { Description = "--evaluate: weight pieces so every class counts the same.", DefaultValueFactory = _ => DefaultStyleClassifier.Training.Balanced };
        var learner = new Option<StyleLearner>("--learner") { Description = "--evaluate: the classifier trained per fold, Logistic (logistic regression, the default classifiers' composer learner) or Trees (seeded gradient-boosted trees, their period and instrumentation learner).", DefaultValueFactory = _ => StyleLearner.Logistic };
        var dropHabits = new Option<bool>("--drop-encoding-habits") { Description = "--evaluate: leave out the handcrafted features that mark how a source was encoded (voice layout, clefs, part-name metadata, restated keys and meters, tempo markings, tuplets and short notes of unquantised MIDI) rather than a style." };
        var composerWeights = new Option<bool>("--composer-weights") { Description = "--evaluate: weight each training piece by 1/sqrt(pieces of its composer), so one prolific composer does not define a class." };
        var excludeExercises = new Option<bool>("--exclude-exercises") { Description = "--evaluate: leave out the scores the index marks is_exercise (harmony-textbook examples in chorale style, labelled with their authors' period)." };
        var command = new Command("classify", "Predict period, instrumentation and composer of scores with the style classifiers.")
        {
            files, model, corpus, save, take, jobs, json, family, featuresModel, maxPatches, evaluate, groupBy, folds, seed, output, iterations, l2, balanced, learner, dropHabits, composerWeights, excludeExercises, card,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) => CliExit.Run(() =>
        {
            var progress = new RateProgress(Console.Error);
            // What an interrupt leaves, said when it comes: set before each long step.
            var left = "nothing was written";
            try
            {
                return Classify(parse, progress, text => left = text, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine($"notagen classify: interrupted{(progress.Stage is { } stage ? $" during {stage}" : "")}; {left}.");
                return CliExit.Interrupted;
            }
        })));
        return command;

        int Classify(ParseResult parse, RateProgress progress, Action<string> onInterrupt, CancellationToken cancellation)
        {
            var cache = DefaultStyleClassifier.CacheDirectory();
            var cached = $"the features of the scores read so far are cached in {cache}, so the same command goes on from them";
            if (parse.GetValue(evaluate))
            {
                var folder = parse.GetValue(corpus) ?? throw new ArgumentException("--evaluate needs --corpus DIR, a folder of scores with an index.tsv (e.g. ../shared/corpus)");
                var evaluated = parse.GetValue(family) == StyleFeatureSource.ModelFamily
                    ? StyleFeatureSource.FromModel(Path.GetFullPath(parse.GetValue(featuresModel) ?? DefaultModel.Directory()))
                    : StyleFeatureSource.Handcrafted;
                if (evaluated.Family == StyleFeatureSource.ModelFamily) TorchRuntime.Initialize();
                using var features = StyleFeatureExtractor.Open(evaluated, parse.GetValue(maxPatches));
                onInterrupt($"no table or CSV file was written to {parse.GetValue(output)}; {cached}");
                ClassifyEvaluation.Run(folder, features, new CrossValidationOptions
                {
                    Learner = parse.GetValue(learner),
                    Folds = parse.GetValue(folds),
                    Seed = parse.GetValue(seed),
                    Grouping = parse.GetValue(groupBy),
                    Jobs = parse.GetValue(jobs),
                    DropEncodingHabits = parse.GetValue(dropHabits),
                    ComposerWeighted = parse.GetValue(composerWeights),
                    ExcludeExercises = parse.GetValue(excludeExercises),
                    Training = DefaultStyleClassifier.Training with
                    {
                        Iterations = parse.GetValue(iterations),
                        L2 = parse.GetValue(l2),
                        Balanced = parse.GetValue(balanced),
                    },
                }, parse.GetValue(output)!, progress, cancellation);
                return CliExit.Success;
            }
            if (parse.GetValue(card))
            {
                if (parse.GetValue(model) is not null || parse.GetValue(corpus) is not null)
                    throw new ArgumentException("--card prints the card of the default classifiers: give it without --model or --corpus");
                var folder = SharedCorpus();
                onInterrupt($"no classifiers or card were written; {cached}");
                DefaultStyleClassifier.LoadOrTrain(folder, cache, parse.GetValue(jobs), progress.Line, progress, cancellation);
                progress.Finish();
                Console.Write(File.ReadAllText(DefaultStyleClassifier.CardPath(DefaultStyleClassifier.ModelPath(folder, cache))));
                return CliExit.Success;
            }
            var paths = parse.GetValue(files) ?? [];
            var source = parse.GetValue(family) == StyleFeatureSource.ModelFamily
                ? StyleFeatureSource.FromModel(Path.GetFullPath(parse.GetValue(featuresModel) ?? DefaultModel.Directory()))
                : StyleFeatureSource.Handcrafted;
            TorchRuntime.Initialize(); // before torch loads, in case the model family needs it
            onInterrupt("no classifiers were written" + (parse.GetValue(save) is { } notSaved ? $" ({notSaved} neither)" : "") + "; "
                + (parse.GetValue(corpus) is { } built && !LabelledScoreIndex.IsIndexedFolder(built)
                    ? "the features of a built corpus are not cached, so the same command starts over"
                    : cached));
            var (styles, extractor) = Load(parse.GetValue(model), parse.GetValue(corpus), parse.GetValue(take), parse.GetValue(jobs), source, parse.GetValue(maxPatches), progress, cancellation);
            using var owned = extractor;
            if (parse.GetValue(save) is { } target)
            {
                styles.Save(target);
                Console.Error.WriteLine($"saved the style classifiers to {target}");
            }
            var failed = 0;
            for (var n = 0; n < paths.Length; n++)
            {
                onInterrupt($"{n} of {paths.Length} files were classified (their lines are above)");
                cancellation.ThrowIfCancellationRequested();
                var path = paths[n];
                try
                {
                    var score = ScoreFileReader.Read(path);
                    var predictions = styles.Classify(extractor.FromScore(score));
                    Console.WriteLine(parse.GetValue(json) ? Json(path, predictions) : Text(path, predictions));
                }
                catch (Exception e) when (e is MusicFormatException or IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine(e.Message);
                    failed++;
                }
            }
            if (failed > 0) Console.Error.WriteLine($"{failed} of {paths.Length} files could not be classified");
            return failed > 0 ? CliExit.BadInput : CliExit.Success;
        }
    }

    /// <summary>The classifiers (loaded, or trained and tested on a corpus) and the extractor of their feature family.</summary>
    internal static (StyleModel Styles, StyleFeatureExtractor Extractor) Load(string? modelPath, string? corpusPath, int? take, int jobs,
        StyleFeatureSource source, int maxPatches, RateProgress progress, CancellationToken cancellation)
    {
        if (modelPath is not null && corpusPath is not null) throw new ArgumentException("give either --model or --corpus, not both");
        if (modelPath is not null)
        {
            var saved = StyleModel.Load(modelPath);
            return (saved, StyleFeatureExtractor.Open(saved.Features, maxPatches));
        }
        if (corpusPath is null || LabelledScoreIndex.IsIndexedFolder(corpusPath))
        {
            if (source.Family != StyleFeatureSource.HandcraftedFamily)
                throw new ArgumentException("the model feature family trains on a built corpus (--corpus CORPUS.jsonl or a 'corpus build' folder), not on a folder of scores");
            var folder = corpusPath ?? SharedCorpus();
            var cache = DefaultStyleClassifier.CacheDirectory();
            if (corpusPath is null)
            {
                var defaults = DefaultStyleClassifier.LoadOrTrain(folder, cache, jobs, progress.Line, progress, cancellation);
                progress.Finish();
                Console.Error.WriteLine($"{DefaultStyleClassifier.Summary(defaults)}; card: classify --card");
                return (defaults, StyleFeatureExtractor.Handcrafted);
            }
            var watch = Stopwatch.StartNew();
            var table = ScoreFeatureTable.Compute(folder, jobs, DefaultStyleClassifier.FeatureCachePath(cache), progress: progress, cancellation: cancellation);
            var trained = DefaultStyleClassifier.Train(table, jobs, progress, cancellation);
            progress.Finish();
            Console.Error.WriteLine($"handcrafted features: trained on {table.Rows.Count} scores of {folder} ({table.Failures.Count} could not be read), {watch.Elapsed.TotalSeconds:F1} s; " +
                "held-out figures: classify --evaluate --corpus " + folder);
            return (trained, StyleFeatureExtractor.Handcrafted);
        }
        var clock = Stopwatch.StartNew();
        var extractor = StyleFeatureExtractor.Open(source, maxPatches);
        CorpusFeatures features;
        List<LabelledFeatures> train, test;
        StyleModel styles;
        try
        {
            features = CorpusFeatures.Compute(CorpusReader.ReadAll(corpusPath), extractor.FromCorpusPiece, take, jobs, progress, cancellation);
            progress.Finish();
            train = features.Pieces.Where(p => p.Split == CorpusSplits.Train).ToList();
            test = features.Pieces.Where(p => p.Split == CorpusSplits.Test).ToList();
            styles = StyleModel.Train(train, features: source, cancellation: cancellation);
        }
        catch
        {
            extractor.Dispose(); // the model family's model, when the work is given up
            throw;
        }
        Console.Error.WriteLine($"{source} features: trained on {train.Count} pieces, tested on {test.Count} ({features.Skipped} unlabelled or unreadable left out), {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var accuracy in StyleAccuracy.Measure(styles, test))
            Console.Error.WriteLine($"test accuracy {accuracy}");
        return (styles, extractor);
    }

    /// <summary>
    /// The shared corpus the default classifiers train on: <c>$NOTAGEN_SHARED/corpus</c>, else <c>shared/corpus</c> beside
    /// the clone that holds the program or the current folder.
    /// </summary>
    internal static string SharedCorpus()
    {
        if (Environment.GetEnvironmentVariable("NOTAGEN_SHARED") is { Length: > 0 } set)
            return Path.Combine(set, "corpus");
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NotaGen.Research.sln")))
                {
                    var beside = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "corpus");
                    if (Directory.Exists(beside)) return beside;
                }
        throw new ArgumentException("no style classifiers: the default ones train on the shared corpus, which was not found " +
            "(set NOTAGEN_SHARED to the shared data folder, or put it beside the clone as ../shared); or give --model FILE or --corpus DIR");
    }

    private static string Text(string path, IReadOnlyDictionary<string, AxisPrediction> predictions) =>
        path + ": " + string.Join(", ", StyleAxes.All.Where(predictions.ContainsKey)
            .Select(axis => $"{axis} {predictions[axis].Label} ({predictions[axis].Probabilities[predictions[axis].Label]:P0})"));

    private static string Json(string path, IReadOnlyDictionary<string, AxisPrediction> predictions)
    {
        var row = new Dictionary<string, object?> { ["path"] = path };
        foreach (var axis in StyleAxes.All)
            row[axis] = predictions.TryGetValue(axis, out var p) ? p.Label : null;
        row["scores"] = predictions.ToDictionary(
            p => p.Key,
            p => p.Value.Probabilities.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5)
                .ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 4)));
        return JsonSerializer.Serialize(row);
    }
}
