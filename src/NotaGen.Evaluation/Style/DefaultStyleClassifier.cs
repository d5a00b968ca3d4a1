using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NotaGen.Corpus.Output;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The classifiers <c>classify</c> uses when given none: trained on first use from every labelled score of the shared
/// corpus (its <c>index.tsv</c>) with the handcrafted features, unweighted (class-balanced weights cost 2-3 points of
/// held-out period accuracy). Period and instrumentation use the learner that wins the grouped cross-validation by
/// work (<see cref="Learner"/>: gradient-boosted trees, 94.8% / 98.3% against logistic regression's 91.2% / 96.9%);
/// composer stays a logistic regression (see <see cref="StyleModel.Train"/>). Each axis's probabilities are
/// temperature-scaled with the temperature that a grouped cross-validation by work of this same recipe fits on its
/// held-out predictions, and that cross-validation's accuracies are kept with the classifiers and written, per class,
/// into their card (<see cref="StyleClassifierCard"/>). Model and card are kept in a cache folder (written atomically)
/// under a name that changes with the feature version, the learner and training settings and the index file, so a newer
/// corpus, feature set or recipe trains again. They are trained, not shipped, because much of the corpus may not be
/// redistributed in derived form (CC BY-NC-SA, "research only", "possibly non-commercial").
/// </summary>
public static class DefaultStyleClassifier
{
    /// <summary>The training settings of the default classifiers (also those of <c>classify --evaluate</c>).</summary>
    public static StyleTrainingOptions Training { get; } = new() { MinClassPieces = 20, MinComposerPieces = 10 };

    /// <summary>The learner of period and instrumentation: the one with the higher held-out accuracy by work (README, "Style classifiers").</summary>
    public static StyleLearner Learner => StyleLearner.Trees;

    /// <summary>Settings of the trees (those of <c>classify --evaluate --learner Trees</c>; seed 0).</summary>
    public static BoostingOptions Boosting { get; } = new();

    /// <summary>The grouping of the cross-validation that gives the temperatures and the held-out figures.</summary>
    public static StyleGrouping Grouping => StyleGrouping.Work;

    /// <summary><c>$XDG_CACHE_HOME/notagen/style</c>, else the user's local application data folder's <c>notagen/style</c>.</summary>
    public static string CacheDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } local ? local
            : Path.Combine(Path.GetTempPath(), "notagen-cache");
        return Path.Combine(root, "notagen", "style");
    }

    /// <summary>Where the classifiers for <paramref name="corpusFolder"/> are cached (their card is <see cref="CardPath"/> of it).</summary>
    public static string ModelPath(string corpusFolder, string cacheDirectory) =>
        Path.Combine(cacheDirectory, $"style-{Fingerprint(corpusFolder)}.json");

    /// <summary>The card beside a cached model file: <c>style-FINGERPRINT.card.md</c>.</summary>
    public static string CardPath(string modelPath) => Path.ChangeExtension(modelPath, ".card.md");

    /// <summary>The cached classifiers for <paramref name="corpusFolder"/>, trained (with their card) first when there are none.</summary>
    /// <param name="log">Lines saying what is being done (training takes minutes on first use).</param>
    /// <param name="progress">Told after every score read and every fold of the cross-validation.</param>
    /// <param name="cancellation">Checked between scores and between the learners' steps. When cancelled nothing is
    /// written but the features read so far (to the cache, so the same call goes on from them), and
    /// <see cref="OperationCanceledException"/> is thrown.</param>
    public static StyleModel LoadOrTrain(string corpusFolder, string cacheDirectory, int jobs = 1, Action<string>? log = null,
        IProgress<StyleProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(corpusFolder);
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        if (!LabelledScoreIndex.IsIndexedFolder(corpusFolder))
            throw new DirectoryNotFoundException($"{corpusFolder}: no {LabelledScoreIndex.FileName} here, so the default style classifiers cannot be trained " +
                "(set NOTAGEN_SHARED to the shared data folder, or give --corpus DIR or --model FILE)");
        var modelPath = ModelPath(corpusFolder, cacheDirectory);
        // Model and card are one cache entry: without its card (deleted by hand) the model is trained again to write it.
        if (File.Exists(modelPath) && File.Exists(CardPath(modelPath))) return StyleModel.Load(modelPath);
        log?.Invoke($"training the default style classifiers from {corpusFolder} (first use; kept in {modelPath})");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var table = ScoreFeatureTable.Compute(corpusFolder, jobs, FeatureCachePath(cacheDirectory), progress: progress, cancellation: cancellation);
        log?.Invoke($"features of {table.Rows.Count} scores in {clock.Elapsed.TotalSeconds:F1} s ({table.Failures.Count} could not be read)");
        var (model, validation) = TrainValidated(table, jobs, progress, cancellation);
        Directory.CreateDirectory(cacheDirectory);
        model.Save(modelPath);
        AtomicFile.WriteAllText(CardPath(modelPath), StyleClassifierCard.Write(corpusFolder, table, model, validation));
        log?.Invoke($"trained in {clock.Elapsed.TotalSeconds:F1} s in all");
        return model;
    }

    /// <summary>Classifiers on every score of the table, with the temperatures and held-out accuracies of a grouped cross-validation by work.</summary>
    /// <param name="progress">Told after every fold of the cross-validation.</param>
    /// <param name="cancellation">Checked between the learners' steps (throws <see cref="OperationCanceledException"/>).</param>
    public static StyleModel Train(ScoreFeatureTable table, int jobs = 1, IProgress<StyleProgress>? progress = null, CancellationToken cancellation = default) =>
        TrainValidated(table, jobs, progress, cancellation).Model;

    /// <summary>The cache of the handcrafted features of scores (by path, size and time) in <paramref name="cacheDirectory"/>.</summary>
    public static string FeatureCachePath(string cacheDirectory) => Path.Combine(cacheDirectory, $"features-{ScoreFeatureTable.FeatureVersion}.tsv");

    /// <summary>
    /// One line naming the classifiers and their held-out accuracy, e.g. "default style classifiers: gradient-boosted
    /// trees (period, instrumentation), logistic regression (composer); held out by work: period 94.8%, ...".
    /// </summary>
    public static string Summary(StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var learners = model.Axes.GroupBy(a => a.Value.Kind, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", StyleAxes.All.Where(a => g.Any(x => x.Key == a)))})");
        var heldOut = StyleAxes.All.Where(model.HeldOut.ContainsKey).Select(a => model.HeldOut[a]).ToList();
        var figures = heldOut.Count == 0 ? "no held-out figures"
            : $"held out by {heldOut[0].GroupedBy}: " + string.Join(", ", StyleAxes.All.Where(model.HeldOut.ContainsKey)
                .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a} {100 * model.HeldOut[a].Accuracy:F1}% ({model.HeldOut[a].Correct}/{model.HeldOut[a].Total})")));
        return $"default style classifiers: {string.Join(", ", learners)}; {figures}";
    }

    private static (StyleModel Model, IReadOnlyList<AxisCrossValidation> Validation) TrainValidated(ScoreFeatureTable table, int jobs,
        IProgress<StyleProgress>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(table);
        var pieces = table.Rows.Select(r => new LabelledFeatures(r.Score.Path, CorpusSplits.Train,
            new StylePrompt(r.Score.Period, r.Score.Composer, r.Score.Instrumentation), r.Features)).ToList();
        var model = StyleModel.Train(pieces, Training, learner: Learner, boosting: Boosting, cancellation: cancellation);
        var validation = StyleCrossValidation.Run(table.Rows, new CrossValidationOptions { Jobs = jobs, Learner = Learner, Boosting = Boosting, Grouping = Grouping },
            progress, cancellation);
        return (model.WithValidation(validation, Grouping), validation);
    }

    private static string Fingerprint(string corpusFolder)
    {
        var index = new FileInfo(Path.Combine(corpusFolder, LabelledScoreIndex.FileName));
        var key = $"{ScoreFeatureTable.FeatureVersion}|{Training}|{Learner}|{Boosting}|{Grouping}|{Path.GetFullPath(corpusFolder)}|{index.Length}|{index.LastWriteTimeUtc.Ticks}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}
