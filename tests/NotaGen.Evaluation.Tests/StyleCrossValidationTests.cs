using NotaGen.Corpus.Labels;
using NotaGen.Evaluation.Style;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Evaluation.Tests;

public sealed class StyleCrossValidationTests(ITestOutputHelper output)
{
    private static LabelRow Score(string path, string? composer = "A", string? dup = null, string period = "Baroque", string instrumentation = "Keyboard") =>
        new(path, composer, period, instrumentation, "CC0-1.0", IsExercise: false, DupGroup: dup, Source: "src");

    [Fact]
    public void Grouped_folds_never_put_a_group_on_both_sides_are_near_equal_and_repeat_for_the_same_seed()
    {
        var random = new Random(7);
        var groups = Enumerable.Range(0, 500).Select(_ => $"g{(int)Math.Pow(random.Next(1, 40), 1.5)}").ToList();
        var folds = GroupedFolds.Assign(groups, 5, seed: 3);
        foreach (var group in groups.Distinct())
            Assert.Single(Enumerable.Range(0, groups.Count).Where(i => groups[i] == group).Select(i => folds[i]).Distinct());
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToList();
        var largest = groups.GroupBy(g => g).Max(g => g.Count());
        Assert.True(sizes.Max() - sizes.Min() <= largest, string.Join(", ", sizes));
        Assert.Equal(folds, GroupedFolds.Assign(groups, 5, seed: 3));
        Assert.NotEqual(folds, GroupedFolds.Assign(groups, 5, seed: 4));
        Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(["a", "a", "b"], 5, 0));
    }

    [Fact]
    public void Works_group_movements_and_numbered_folders_and_duplicate_groups_join_works_and_composers_transitively()
    {
        Assert.Equal("musicxml/DCMLab__bach_solo/MS3/BWV1001", StyleGroups.WorkKey("musicxml/DCMLab__bach_solo/MS3/BWV1001_02_Fuga.mxl"));
        Assert.Equal("musicxml/DCMLab__corelli/MS3/op01n01", StyleGroups.WorkKey("musicxml/DCMLab__corelli/MS3/op01n01b.mxl"));
        Assert.Equal("m/When-in-Rome/Bach/WTC_I/", StyleGroups.WorkKey("m/When-in-Rome/Bach/WTC_I/03/score.mxl"));
        Assert.NotEqual(StyleGroups.WorkKey("x/K001.mxl"), StyleGroups.WorkKey("x/K002.mxl"));

        LabelRow[] scores =
        [
            Score("a/one/p.mxl", "Bach", dup: "d1"), Score("b/two/q.mxl", "Bach", dup: "d1"), Score("b/two/q_02.mxl", "Bach"),
            Score("c/three/s.mxl", "Handel", dup: "d2"), Score("d/four/t.mxl", "Scarlatti", dup: "d2"), Score("e/five/u.mxl", "Corelli"),
        ];
        var works = StyleGroups.Assign(scores, StyleGrouping.Work);
        Assert.Equal(works[0], works[1]); // a duplicate pair
        Assert.Equal(works[1], works[2]); // another movement of a duplicate's work: joined transitively
        Assert.Equal(works[3], works[4]);
        Assert.Equal(3, works.Distinct().Count());
        var composers = StyleGroups.Assign(scores, StyleGrouping.Composer);
        Assert.Equal(composers[0], composers[2]);
        Assert.Equal(composers[3], composers[4]); // Handel and Scarlatti share a duplicate, so one group
        Assert.NotEqual(composers[0], composers[3]);
        Assert.NotEqual(composers[3], composers[5]);
    }

    [Fact]
    public void Sources_group_their_scores_and_a_duplicate_across_two_sources_does_not_join_them()
    {
        LabelRow At(string source, string path, string? dup = null) => new LabelRow(path, "A", "Baroque", "Keyboard", "CC0-1.0", IsExercise: false, DupGroup: dup, Source: source);
        LabelRow[] scores =
        [
            At("OpenScore__Lieder", "a/1.mxl"), At("OpenScore__Lieder", "a/2.mxl"), At("asap", "b/1.mxl"),
            At("music21", "c/1.mxl", dup: "d1"), At("When-in-Rome", "d/1.mxl", dup: "d1"), At("When-in-Rome", "d/2.mxl"),
        ];
        var sources = StyleGroups.Assign(scores, StyleGrouping.Source);
        Assert.Equal(sources[0], sources[1]);
        Assert.NotEqual(sources[0], sources[2]);
        Assert.Equal(sources[4], sources[5]);
        Assert.NotEqual(sources[3], sources[4]); // a shared work does not join two sources (its copies leave training instead)
        Assert.Equal(4, sources.Distinct().Count());
    }

    [Fact]
    public void Held_out_by_source_a_works_copies_in_other_sources_stay_out_of_training()
    {
        // Six sources of "x" pieces near 0 and "y" pieces near 10; piece P (source s0, "x", at 4) has 60 copies in s1
        // that (as a test of the mechanism) are labelled "y" at 4. Trained with them, P would be called "y".
        List<ScoreFeatures> Rows(string? copyGroup)
        {
            var rows = new List<ScoreFeatures>();
            ScoreFeatures Row(string path, string source, string label, double x, string? dup = null) =>
                new(new LabelRow(path, "A", label, label, "CC0-1.0", IsExercise: false, DupGroup: dup, Source: source), [x]);
            for (var s = 0; s < 6; s++)
                for (var i = 0; i < 10; i++)
                {
                    rows.Add(Row($"s{s}/x{i}.abc", $"s{s}", "x", i * 0.1));
                    rows.Add(Row($"s{s}/y{i}.abc", $"s{s}", "y", 10 - i * 0.1));
                }
            rows.Add(Row("s0/p.abc", "s0", "x", 4, copyGroup));
            for (var i = 0; i < 60; i++) rows.Add(Row($"s1/copy{i}.abc", "s1", "y", 4, copyGroup));
            return rows;
        }
        string PredictionOfP(IReadOnlyList<ScoreFeatures> rows) => StyleCrossValidation.Run(rows, new CrossValidationOptions { Grouping = StyleGrouping.Source })[0]
            .Predictions.Single(p => p.Path == "s0/p.abc").Predicted;
        Assert.Equal("x", PredictionOfP(Rows("work-1")));
        Assert.Equal("y", PredictionOfP(Rows(null))); // the same pieces without a duplicate group: the copies train, and win
    }

    [Fact]
    public void The_report_counts_a_hand_made_confusion_and_macro_f1_averages_the_classes()
    {
        string[] truth = ["a", "a", "a", "b", "b", "c"];
        string[] predicted = ["a", "a", "b", "b", "a", "c"];
        var report = new ClassificationReport(["a", "b", "c"], truth, predicted);
        Assert.Equal([2, 1, 0], report.Confusion[0]);
        Assert.Equal([1, 1, 0], report.Confusion[1]);
        Assert.Equal(4.0 / 6, report.Accuracy, 12);
        var a = report.Classes[0];
        Assert.Equal(2.0 / 3, a.Precision, 12); // predicted a three times, right twice
        Assert.Equal(2.0 / 3, a.Recall, 12);
        Assert.Equal(0.5, report.Classes[1].Precision, 12);
        Assert.Equal(0.5, report.Classes[1].Recall, 12);
        Assert.Equal((2.0 / 3 + 0.5 + 1) / 3, report.MacroF1, 12);
        Assert.Throws<ArgumentException>(() => new ClassificationReport(["a"], ["a"], ["z"]));
    }

    [Fact]
    public void Expected_calibration_error_of_a_hand_made_case_and_temperature_scaling_cools_an_overconfident_classifier()
    {
        // Two predictions at 0.95, one right (accuracy 0.5); two at 0.55, both right (accuracy 1): ECE = (2·0.45 + 2·0.45) / 4.
        var bins = Calibration.Reliability([0.95, 0.95, 0.55, 0.55], [true, false, true, true]);
        Assert.Equal(10, bins.Count);
        Assert.Equal(2, bins[9].Count);
        Assert.Equal(0.5, bins[9].Accuracy, 12);
        Assert.Equal(0.55, bins[5].MeanConfidence, 12);
        Assert.Equal(0.45, Calibration.ExpectedCalibrationError(bins), 12);
        Assert.Equal(1, Calibration.Reliability([1.0], [true])[9].Count); // confidence 1 is in the last bin

        // Scores of ±4 make 99.97% predictions that are right only 3 times in 4: the fitted T is above 1 and lowers the NLL.
        var scores = Enumerable.Range(0, 40).Select(i => i % 4 == 3 ? new[] { 4.0, -4.0 } : new[] { -4.0, 4.0 }).ToList();
        var truth = Enumerable.Repeat(1, 40).ToList();
        var t = Calibration.FitTemperature(scores, truth);
        Assert.True(t > 1, $"T = {t}");
        var nll = Calibration.NegativeLogLikelihood(scores, truth, t);
        Assert.True(nll < Calibration.NegativeLogLikelihood(scores, truth, 1));
        Assert.True(nll <= Calibration.NegativeLogLikelihood(scores, truth, t * 1.05) && nll <= Calibration.NegativeLogLikelihood(scores, truth, t / 1.05));
        // The optimum is where the calibrated confidence is 3/4: 1 / (1 + e^(−8/T)) = 0.75.
        Assert.Equal(8 / Math.Log(3), t, 3);
    }

    [Fact]
    public void Texture_features_see_four_part_homorhythm_named_parts_and_tuplets()
    {
        var chorale = TextureOf("X:1\nL:1/4\nM:4/4\n%%score 1 2 3 4\nV:1 treble nm=\"Soprano\"\nV:2 treble nm=\"Alto\"\nV:3 bass nm=\"Tenor\"\nV:4 bass nm=\"Bass\"\nK:C\n" +
            "V:1\ne d c d|e2 e2|]\nV:2\nc B A B|c2 c2|]\nV:3\nG, G, E, G,|G,2 G,2|]\nV:4\nC, G,, A,, G,,|C,2 C,2|]\n");
        var song = TextureOf("X:1\nL:1/4\nM:3/4\n%%score 1 2\nV:1 treble nm=\"Voice\"\nV:2 treble nm=\"Piano\"\nK:G\n" +
            "V:1\nd2 B|(3ABA G|]\nV:2\n[GBd] [GBd] [GBd]|[DFA] [DFA] [DFA]|]\n");
        double F(double[] f, string name) => f[Array.IndexOf(TextureFeatures.Names, name)];
        output.WriteLine(string.Join(", ", TextureFeatures.Names.Select((n, i) => $"{n} {chorale[i]:0.###}/{song[i]:0.###}")));
        Assert.Equal(1, F(chorale, "voices=4"));
        Assert.Equal(1, F(chorale, "homorhythm"), 12);
        Assert.Equal(1, F(chorale, "name vocal"));
        Assert.Equal(0.5, F(chorale, "clef bass"));
        Assert.Equal(0, F(chorale, "tuplet notes"));
        Assert.Equal(1, F(song, "voices=2"));
        Assert.Equal(0.5, F(song, "name vocal"));
        Assert.Equal(0.5, F(song, "name keyboard"));
        Assert.True(F(song, "tuplet notes") > 0);           // the triplet's notes last 1/6
        Assert.True(F(song, "chords within a voice") > 0.5);  // the piano's block chords
        Assert.Equal(1, F(song, "top voice singable"));
        Assert.Equal(TextureFeatures.Length, chorale.Length);
        Assert.All(chorale.Concat(song), v => Assert.InRange(v, 0, 1));
    }

    private static double[] TextureOf(string abc)
    {
        var analyzed = Pieces.Analyze(abc);
        Assert.True(analyzed.Parses, string.Join("; ", analyzed.Errors));
        var all = StyleFeatures.Extract(analyzed);
        Assert.Equal(StyleFeatures.Length, all.Length);
        return all[StyleFeatures.PitchRhythmLength..(StyleFeatures.PitchRhythmLength + TextureFeatures.Length)];
    }

    /// <summary>
    /// The default classifiers' recipe on a subset of the shared corpus (three classes, 24 scores each, from the
    /// sources that make them): trained and cached on first use, loaded from the cache the second time, and a shared
    /// score the subset does not hold is classified with probabilities that sum to one.
    /// </summary>
    [SkippableFact]
    public void The_default_classifiers_train_once_from_an_indexed_folder_load_from_the_cache_and_classify_a_shared_score()
    {
        var shared = SharedData.Require("corpus");
        using var temp = new TempDirectory("notagen-default-style");
        var index = File.ReadAllLines(Path.Combine(shared, LabelledScoreIndex.FileName));
        var rows = index.Skip(1)
            .Where(line => line.StartsWith("musicxml/DCMLab__corelli/", StringComparison.Ordinal) || line.StartsWith("musicxml/cuthbertLab__music21/music21/corpus/bach/", StringComparison.Ordinal)
                || line.StartsWith("musicxml/OpenScore__Lieder/scores/Schubert", StringComparison.Ordinal))
            .GroupBy(line => line.Split('\t')[0].Split('/')[1])
            .SelectMany(g => g.Order(StringComparer.Ordinal).Take(24))
            .ToList();
        var folder = Path.Combine(temp.Path, "corpus");
        foreach (var row in rows)
        {
            var relative = row.Split('\t')[0];
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, relative))!);
            File.CreateSymbolicLink(Path.Combine(folder, relative), Path.Combine(shared, relative));
        }
        File.WriteAllLines(Path.Combine(folder, LabelledScoreIndex.FileName), [index[0], .. rows]);
        var cache = Path.Combine(temp.Path, "cache");
        var log = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var trained = DefaultStyleClassifier.LoadOrTrain(folder, cache, jobs: 2, log.Add);
        output.WriteLine($"{rows.Count} scores, trained in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(" | ", log));
        Assert.Contains(log, line => line.Contains("first use", StringComparison.Ordinal));
        Assert.Equal(["Art Song", "Chamber", "Choral"], trained.Axes["instrumentation"].Classes);
        Assert.IsType<GradientBoostedTrees>(trained.Axes["period"]); // the learner that wins the grouped cross-validation
        Assert.IsType<LogisticRegression>(trained.Axes["composer"]);
        Assert.True(trained.Temperatures["instrumentation"] > 0);
        Assert.Equal(72, trained.HeldOut["instrumentation"].Total);
        Assert.Equal("work", trained.HeldOut["period"].GroupedBy);
        var modelPath = DefaultStyleClassifier.ModelPath(folder, cache);
        var card = File.ReadAllText(DefaultStyleClassifier.CardPath(modelPath));
        output.WriteLine(card);
        Assert.Contains(DefaultStyleClassifier.Summary(trained), card, StringComparison.Ordinal);
        Assert.Contains("| DCMLab__corelli | 24 | CC BY-NC-SA 4.0 |", card, StringComparison.Ordinal);
        Assert.Contains("| OpenScore__Lieder | 24 | CC0-1.0 |", card, StringComparison.Ordinal);
        Assert.Contains("- Choral (instrumentation): 24 of 24 scores from one source, cuthbertLab__music21", card, StringComparison.Ordinal);

        log.Clear();
        var cached = DefaultStyleClassifier.LoadOrTrain(folder, cache, jobs: 2, log.Add);
        Assert.Empty(log); // nothing trained the second time
        File.Delete(DefaultStyleClassifier.CardPath(modelPath));
        DefaultStyleClassifier.LoadOrTrain(folder, cache, jobs: 2, log.Add);
        Assert.Contains(log, line => line.Contains("first use", StringComparison.Ordinal)); // a model without its card is trained again
        Assert.Equal(card, File.ReadAllText(DefaultStyleClassifier.CardPath(modelPath))); // seeded: the same card
        var probe = Path.Combine(shared, index.Skip(1).Select(line => line.Split('\t')[0])
            .First(p => p.StartsWith("musicxml/cuthbertLab__music21/music21/corpus/bach/", StringComparison.Ordinal) && !rows.Any(r => r.StartsWith(p + "\t", StringComparison.Ordinal))));
        var features = StyleFeatureExtractor.Handcrafted.FromScore(global::NotaGen.Evaluation.Pieces.ScoreFileReader.Read(probe));
        var first = trained.Classify(features);
        var again = cached.Classify(features);
        Assert.Equal(first["instrumentation"].Probabilities, again["instrumentation"].Probabilities);
        Assert.Equal(1.0, first["period"].Probabilities.Values.Sum(), 9);
        Assert.Equal("Choral", first["instrumentation"].Label); // a chorale the subset does not hold
        Assert.Throws<DirectoryNotFoundException>(() => DefaultStyleClassifier.LoadOrTrain(Path.Combine(temp.Path, "nowhere"), cache));
    }
}
