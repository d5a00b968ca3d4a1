using System.Security.Cryptography;
using System.Text;
using NotaGen.Corpus.Output;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The classifiers <c>classify</c> uses when given none: trained on first use from every labelled score of the shared
/// corpus (its <c>index.tsv</c>) with the handcrafted features, unweighted (class-balanced weights cost 2-3 points of
/// held-out period accuracy), each axis's probabilities temperature-scaled with the temperature a grouped
/// cross-validation (by work) fits on held-out predictions; then kept in a cache folder (written atomically) under a
/// name that changes with the feature version, the training settings and the index file, so a newer corpus or a newer
/// feature set trains again. They are trained, not shipped, because much of the corpus may not be redistributed in
/// derived form (CC BY-NC-SA, "research only", "possibly non-commercial").
/// </summary>
public static class DefaultStyleClassifier
{
    /// <summary>The training settings of the default classifiers (also those of <c>classify --evaluate</c>).</summary>
    public static StyleTrainingOptions Training { get; } = new() { MinClassPieces = 20, MinComposerPieces = 10 };

    /// <summary><c>$XDG_CACHE_HOME/notagen/style</c>, else the user's local application data folder's <c>notagen/style</c>.</summary>
    public static string CacheDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } local ? local
            : Path.Combine(Path.GetTempPath(), "notagen-cache");
        return Path.Combine(root, "notagen", "style");
    }

    /// <summary>The cached classifiers for <paramref name="corpusFolder"/>, trained first when there are none.</summary>
    /// <param name="log">Progress lines (training takes minutes on first use).</param>
    public static StyleModel LoadOrTrain(string corpusFolder, string cacheDirectory, int jobs = 1, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(corpusFolder);
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        if (!LabelledScoreIndex.IsIndexedFolder(corpusFolder))
            throw new DirectoryNotFoundException($"{corpusFolder}: no {LabelledScoreIndex.FileName} here, so the default style classifiers cannot be trained " +
                "(set NOTAGEN_SHARED to the shared data folder, or give --corpus DIR or --model FILE)");
        var modelPath = Path.Combine(cacheDirectory, $"style-{Fingerprint(corpusFolder)}.json");
        if (File.Exists(modelPath)) return StyleModel.Load(modelPath);
        log?.Invoke($"training the default style classifiers from {corpusFolder} (first use; kept in {modelPath})");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var table = ScoreFeatureTable.Compute(corpusFolder, jobs, Path.Combine(cacheDirectory, $"features-{ScoreFeatureTable.FeatureVersion}.tsv"));
        log?.Invoke($"features of {table.Rows.Count} scores in {clock.Elapsed.TotalSeconds:F1} s ({table.Failures.Count} could not be read)");
        var model = Train(table, jobs);
        Directory.CreateDirectory(cacheDirectory);
        model.Save(modelPath);
        log?.Invoke($"trained in {clock.Elapsed.TotalSeconds:F1} s in all");
        return model;
    }

    /// <summary>Classifiers on every score of the table, with the temperatures of a grouped cross-validation by work.</summary>
    public static StyleModel Train(ScoreFeatureTable table, int jobs = 1)
    {
        ArgumentNullException.ThrowIfNull(table);
        var pieces = table.Rows.Select(r => new LabelledFeatures(r.Score.Path, CorpusSplits.Train,
            new StylePrompt(r.Score.Period, r.Score.Composer, r.Score.Instrumentation), r.Features)).ToList();
        var model = StyleModel.Train(pieces, Training);
        var validation = StyleCrossValidation.Run(table.Rows, new CrossValidationOptions { Jobs = jobs });
        return model.WithTemperatures(validation.ToDictionary(v => v.Axis, v => v.Temperature, StringComparer.Ordinal));
    }

    private static string Fingerprint(string corpusFolder)
    {
        var index = new FileInfo(Path.Combine(corpusFolder, LabelledScoreIndex.FileName));
        var key = $"{ScoreFeatureTable.FeatureVersion}|{Training}|{Path.GetFullPath(corpusFolder)}|{index.Length}|{index.LastWriteTimeUtc.Ticks}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}
