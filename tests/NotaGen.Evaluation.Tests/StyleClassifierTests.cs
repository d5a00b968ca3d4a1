using NotaGen.Corpus.Building;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Splitting;
using NotaGen.Evaluation.Runner;
using NotaGen.Evaluation.Style;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;
using ComposerPeriods = NotaGen.Corpus.Labels.ComposerPeriods;

namespace NotaGen.Evaluation.Tests;

public sealed class StyleClassifierTests(ITestOutputHelper output)
{
    /// <summary>Files per composer: a quick subset of the shared corpus (the full run is `notagen classify --corpus`).</summary>
    private const int FilesPerSource = 12;

    /// <summary>
    /// Both feature families on one subset and split: the handcrafted statistics, and the bundled model's mean-pooled
    /// patch states. The DCMLab sources are not CC0, so the bundled model (trained on the CC0 part of the corpus) never
    /// saw these pieces. The full run is `notagen classify --corpus CORPUS [--features model]`.
    /// </summary>
    [SkippableFact]
    public void Classifiers_trained_on_the_train_split_of_a_shared_corpus_subset_recognise_composers_on_its_test_split_with_either_feature_family()
    {
        var shared = SharedData.Require("corpus");
        var bundled = Path.Combine(RepositoryRoot.Require(), "data", "models", "default");
        using var temp = new TempDirectory("notagen-style");
        var (corpus, files) = BuildSubset(shared, temp.Path);
        var pieces = CorpusReader.ReadAll(corpus);

        var handcrafted = CorpusFeatures.Compute(pieces);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var extractor = StyleFeatureExtractor.Open(StyleFeatureSource.FromModel(bundled), maxPatches: 64);
        var hidden = CorpusFeatures.Compute(pieces, extractor.FromCorpusPiece);
        output.WriteLine($"{files} files of the DCMLab sources ({FilesPerSource} per composer at most), {pieces.Count} pieces; " +
            $"the bundled model's states of {hidden.Pieces.Count} pieces (64 patches at most) in {clock.Elapsed.TotalSeconds:F1} s");
        var results = new Dictionary<string, IReadOnlyList<AxisAccuracy>>();
        foreach (var (family, set) in new[] { ("handcrafted", handcrafted), ("model", hidden) })
        {
            var train = set.Pieces.Where(p => p.Split == CorpusSplits.Train).ToList();
            var test = set.Pieces.Where(p => p.Split == CorpusSplits.Test).ToList();
            var styles = StyleModel.Train(train, new StyleTrainingOptions { MinComposerPieces = 2 }, family == "model" ? extractor.Source : null);
            results[family] = StyleAccuracy.Measure(styles, test);
            output.WriteLine($"{family,-11} features ({train[0].Features.Length} numbers), {train.Count} train / {test.Count} test pieces, test-split accuracy: " +
                string.Join("; ", results[family].Select(a => a.ToString())));
            Assert.True(test.Count >= 5, $"{family}: only {test.Count} test pieces");
            var composer = results[family].Single(a => a.Axis == StyleAxes.Composer);
            Assert.Equal(test.Count, composer.Total);
            // Four composers: chance is about 1/4; solo violin, trio sonatas and keyboard sonatas differ in texture.
            Assert.True(composer.Accuracy >= 0.5, $"{family}: {composer}");
        }
        Assert.All(hidden.Pieces, p => Assert.Equal(256, p.Features.Length));
    }

    /// <summary>A corpus built from the first files of every DCMLab composer, 30% of it in the test split.</summary>
    private static (string Corpus, int Files) BuildSubset(string shared, string folder)
    {
        var input = Path.Combine(folder, "in");
        var index = File.ReadAllLines(Path.Combine(shared, "index.tsv"));
        var rows = index.Skip(1)
            .Where(line => line.StartsWith("musicxml/DCMLab__", StringComparison.Ordinal))
            .GroupBy(line => line.Split('\t')[2])
            .SelectMany(g => g.Order(StringComparer.Ordinal).Take(FilesPerSource))
            .ToList();
        foreach (var row in rows)
        {
            var relative = row.Split('\t')[0];
            var target = Path.Combine(input, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.CreateSymbolicLink(target, Path.Combine(shared, relative));
        }
        File.WriteAllLines(Path.Combine(folder, "index.tsv"), [index[0], .. rows]);
        var corpus = Path.Combine(folder, "corpus");
        new CorpusBuilder(new CorpusBuildOptions
        {
            Inputs = [input],
            Output = corpus,
            LabelsPath = Path.Combine(folder, "index.tsv"),
            Fractions = new SplitFractions(0, 0.3),
        }, ComposerPeriods.Bundled).Build();
        return (corpus, rows.Count);
    }

    [Fact]
    public void Logistic_regression_separates_two_clusters_and_gives_probabilities_that_sum_to_one()
    {
        double[][] inputs = [[-2, 0], [-1.5, 0.5], [-1, -0.5], [1, 0.5], [1.5, -0.5], [2, 0]];
        string[] labels = ["left", "left", "left", "right", "right", "right"];
        var model = LogisticRegression.Train(inputs, labels);
        Assert.Equal(labels, inputs.Select(model.Predict));
        var p = model.Probabilities([0.1, 0]);
        Assert.Equal(1.0, p.Sum(), 12);
        Assert.True(model.Probabilities([-3, 0])[0] > 0.9);
    }

    [Fact]
    public void A_saved_model_loads_with_the_same_predictions_and_the_style_score_is_highest_at_the_prompt_mean()
    {
        var model = StyleModel.Train(Synthetic(), new StyleTrainingOptions { MinComposerPieces = 1 });
        using var temp = new TempDirectory();
        model.Save(temp.File("style.json"));
        var loaded = StyleModel.Load(temp.File("style.json"));
        var probe = Synthetic()[0].Features;
        Assert.Equal(model.Classify(probe)["period"].Probabilities, loaded.Classify(probe)["period"].Probabilities);

        var baroque = new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard");
        var romantic = new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard");
        Assert.True(model.StyleScore(probe, baroque) > model.StyleScore(probe, romantic));
        Assert.InRange(model.StyleScore(probe, romantic), 0, 1);
        Assert.True(double.IsNaN(model.StyleScore(probe, new StylePrompt("Classical", "Haydn, Joseph", "Keyboard"))));
        Assert.True(model.LabelProbability(probe, baroque) > 0.5);
    }

    [Fact]
    public void The_style_score_is_one_plus_the_cosine_to_the_prompts_standardised_mean_over_two()
    {
        var a = new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard");
        var b = new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard");
        // Feature means (2, 1) and SDs (1, 1): standardised A = (−1, −1), (1, −1); B = (−1, 1), (1, 1); prompt means
        // A (0, −1), B (0, 1). The probe (3, 2) standardises to (1, 1): cosine −1/√2 with A, +1/√2 with B.
        var model = StyleModel.Train(
        [
            new LabelledFeatures("a1", CorpusSplits.Train, a, [1, 0]), new LabelledFeatures("a2", CorpusSplits.Train, a, [3, 0]),
            new LabelledFeatures("b1", CorpusSplits.Train, b, [1, 2]), new LabelledFeatures("b2", CorpusSplits.Train, b, [3, 2]),
        ], new StyleTrainingOptions { MinComposerPieces = 1 });
        Assert.Equal([2.0, 1.0], model.Mean);
        Assert.Equal([1.0, 1.0], model.Scale);
        Assert.Equal((1 - Math.Sqrt(0.5)) / 2, model.StyleScore([3, 2], a), 12);
        Assert.Equal((1 + Math.Sqrt(0.5)) / 2, model.StyleScore([3, 2], b), 12);
        Assert.Equal(1.0, model.StyleScore([2, 2], b), 12); // (0, 1) is B's mean itself
    }

    [Fact]
    public void The_style_scorer_ranks_a_valid_aligned_piece_above_a_misaligned_one_and_only_the_first_is_eligible()
    {
        var scorer = new StyleScorer(StyleModel.Train(Synthetic(), new StyleTrainingOptions { MinComposerPieces = 1 }));
        var prompt = new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard");
        var aligned = scorer.Score("X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC E|C E|G2|]\nV:2\nC, G,|C, G,|C,2|]\n", prompt);
        var misaligned = scorer.Score(Pieces.Misaligned, prompt);
        var broken = scorer.Score("X:1\nL:1/4\nM:4/4\nK:C\nC D E F|[CEG\n", prompt);
        Assert.True(aligned.Eligible, aligned.Reason);
        Assert.False(misaligned.Eligible);
        Assert.True(aligned.Value > misaligned.Value);
        Assert.InRange(aligned.Value, 0, 1);
        Assert.Equal(0, broken.Value);
        Assert.False(broken.Eligible);
    }

    /// <summary>Two styles from hand-made pieces: Baroque ones in C major, Romantic ones chromatic and in minor.</summary>
    [Fact]
    public void Style_columns_cover_a_piece_read_despite_errors_only_when_asked()
    {
        var model = StyleModel.Train(Synthetic(), new StyleTrainingOptions { MinComposerPieces = 1 });
        const string broken = "%Baroque\n%Bach, Johann Sebastian\n%Keyboard\nX:1\nL:1/4\nM:4/4\nK:C\nC D E F|G A B c|[CEG\n";
        var strict = new SampleEvaluator(null, model).Evaluate("bad.abc", broken);
        Assert.Equal(0, strict.Metrics["parses"]);
        Assert.True(double.IsNaN(strict.Metrics["label_period"]));
        Assert.True(double.IsNaN(strict.Metrics["style_score"]));

        var lenient = new SampleEvaluator(null, model, styleOfUnparsed: true).Evaluate("bad.abc", broken);
        Assert.Equal(0, lenient.Metrics["parses"]);
        Assert.Contains(lenient.Metrics["label_period"], new[] { 0.0, 1.0 });
        Assert.False(double.IsNaN(lenient.Metrics["style_score"]));
        Assert.InRange(lenient.Metrics["label_probability"], 0, 1);
    }

    private static List<LabelledFeatures> Synthetic()
    {
        var baroque = new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard");
        var romantic = new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard");
        string[] major = [Pieces.Scale, Pieces.Repeats, "X:1\nL:1/8\nM:4/4\nK:C\nCDEF GABc|]\n"];
        string[] chromatic = [Pieces.Chromatic, "X:1\nL:1/4\nM:3/4\nK:Am\n^G3|=F ^F _B|]\n", "X:1\nL:1/2\nM:3/4\nK:Em\n_E3/2 ^C3/2|]\n"];
        return
        [
            .. major.Select((abc, i) => new LabelledFeatures($"b{i}", CorpusSplits.Train, baroque, StyleFeatures.Extract(Pieces.Analyze(abc)))),
            .. chromatic.Select((abc, i) => new LabelledFeatures($"r{i}", CorpusSplits.Train, romantic, StyleFeatures.Extract(Pieces.Analyze(abc)))),
        ];
    }
}
