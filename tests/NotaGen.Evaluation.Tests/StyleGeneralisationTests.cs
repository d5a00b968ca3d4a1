using NotaGen.Corpus.Labels;
using NotaGen.Evaluation.Style;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

/// <summary>What the cross-validation can change to generalise across sources and composers: leaving out encoding habits, and composer weights.</summary>
public sealed class StyleGeneralisationTests
{
    [Fact]
    public void Encoding_habits_are_texture_features_by_name_and_removing_them_keeps_every_other_feature_in_order()
    {
        Assert.Equal(EncodingHabitFeatures.Names.Count, EncodingHabitFeatures.Indices.Distinct().Count());
        foreach (var name in EncodingHabitFeatures.Names)
            Assert.Contains(StyleFeatures.PitchRhythmLength + Array.IndexOf(TextureFeatures.Names, name), EncodingHabitFeatures.Indices);
        var features = Enumerable.Range(0, StyleFeatures.Length).Select(j => (double)j).ToArray();
        var kept = EncodingHabitFeatures.Remove(features);
        Assert.Equal(StyleFeatures.Length - EncodingHabitFeatures.Names.Count, kept.Length);
        Assert.Equal(Enumerable.Range(0, StyleFeatures.Length).Where(j => !EncodingHabitFeatures.Indices.Contains(j)).Select(j => (double)j), kept);
        Assert.DoesNotContain(StyleFeatures.PitchRhythmLength + Array.IndexOf(TextureFeatures.Names, "clef other/none"), kept.Select(v => (int)v));
        Assert.Contains(StyleFeatures.PitchRhythmLength + Array.IndexOf(TextureFeatures.Names, "name vocal"), kept.Select(v => (int)v));
        var error = Assert.Throws<ArgumentException>(() => EncodingHabitFeatures.Remove(new double[256]));
        Assert.Contains("handcrafted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Composer_weights_grow_a_composers_total_as_the_square_root_of_his_pieces_with_mean_one()
    {
        LabelRow By(string? composer, int i) => new LabelRow($"p{i}.abc", composer, "Baroque", "Keyboard", "CC0-1.0", IsExercise: false, DupGroup: null, Source: "s");
        var weights = ComposerWeights.Of([By("A", 0), By("A", 1), By("A", 2), By("A", 3), By("B", 4), By(null, 5), By(null, 6)]);
        // Raw 1/√4 = 0.5 for A's four, 1 for B and for each unnamed piece (its own group): mean 5/7.
        Assert.Equal([0.7, 0.7, 0.7, 0.7, 1.4, 1.4, 1.4], weights.Select(w => Math.Round(w, 12)));
        Assert.Equal(1, weights.Average(), 12);
        Assert.Equal(2, weights.Take(4).Sum() / weights[4], 12); // four pieces weigh √4 = 2 times one
        Assert.Empty(ComposerWeights.Of([]));
    }

    [Fact]
    public void Cross_validation_without_the_encoding_habits_predicts_as_on_rows_that_never_had_them()
    {
        var rows = Rows(composerOf: i => $"c{i % 12}");
        var options = new CrossValidationOptions { Grouping = StyleGrouping.Composer, Seed = 2 };
        var dropped = StyleCrossValidation.Run(rows, options with { DropEncodingHabits = true });
        var without = StyleCrossValidation.Run(rows.Select(r => r with { Features = EncodingHabitFeatures.Remove(r.Features) }).ToList(), options);
        var full = StyleCrossValidation.Run(rows, options);
        for (var axis = 0; axis < dropped.Count; axis++)
            Assert.Equal(without[axis].Predictions.Select(p => p.Confidence), dropped[axis].Predictions.Select(p => p.Confidence));
        // The habits carry the label in these rows, so leaving them out changes the predictions.
        Assert.NotEqual(full[0].Predictions.Select(p => p.Confidence), dropped[0].Predictions.Select(p => p.Confidence));
    }

    [Fact]
    public void Composer_weights_change_nothing_when_every_composer_has_as_many_pieces_and_change_the_fit_when_one_dominates()
    {
        var options = new CrossValidationOptions { Grouping = StyleGrouping.Composer, Seed = 1 };
        var even = Rows(composerOf: i => $"c{i % 12}", withHabit: false);
        // Equal weights of 1 (up to rounding of their mean): the same fit.
        var plain = StyleCrossValidation.Run(even, options);
        var weighted = StyleCrossValidation.Run(even, options with { ComposerWeighted = true });
        Assert.Equal(plain.SelectMany(a => a.Predictions.Select(p => p.Predicted)), weighted.SelectMany(a => a.Predictions.Select(p => p.Predicted)));
        Assert.All(Confidences(plain).Zip(Confidences(weighted)), pair => Assert.Equal(pair.First, pair.Second, 1e-9));
        var skewed = Rows(composerOf: i => i % 3 == 0 ? $"c{i % 30}" : "prolific", withHabit: false); // ten composers of 8 pieces and one of 160
        var largest = Confidences(StyleCrossValidation.Run(skewed, options)).Zip(Confidences(StyleCrossValidation.Run(skewed, options with { ComposerWeighted = true })))
            .Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.True(largest > 1e-3, $"largest change of a confidence {largest}");
    }

    [Fact]
    public void The_index_marks_exercises_and_the_cross_validation_can_leave_them_out()
    {
        using var temp = new TempDirectory("notagen-exercises");
        File.WriteAllLines(Path.Combine(temp.Path, LabelledScoreIndex.FileName),
        [
            "path\tformat\tsource\tcomposer\tperiod\tinstrumentation\tnotagen_prompt\ttitle\tlicence\tis_exercise\tdup_group\tbytes",
            "a/reger.mxl\tmusicxml\tWhen-in-Rome\tReger, Max\tRomantic\tChamber\t\tModulation 1\tCC0-1.0\ttrue\t\t100",
            "a/chopin.mxl\tmusicxml\tWhen-in-Rome\tChopin\tRomantic\tKeyboard\t\tPrelude\tCC0-1.0\tfalse\t\t100",
        ]);
        var index = LabelledScoreIndex.Read(temp.Path);
        Assert.True(index.Single(s => s.Path == "a/reger.mxl").IsExercise);
        Assert.False(index.Single(s => s.Path == "a/chopin.mxl").IsExercise);

        var rows = Rows(composerOf: i => $"c{i % 12}", withHabit: false)
            .Select((r, i) => r with { Score = r.Score with { IsExercise = i % 10 == 0 } }).ToList();
        var options = new CrossValidationOptions { Grouping = StyleGrouping.Composer };
        var all = StyleCrossValidation.Run(rows, options)[0].Predictions;
        var kept = StyleCrossValidation.Run(rows, options with { ExcludeExercises = true })[0].Predictions;
        Assert.Equal(240, all.Count);
        Assert.Equal(216, kept.Count);
        Assert.DoesNotContain(kept, p => rows.Single(r => r.Score.Path == p.Path).Score.IsExercise);
    }

    private static IEnumerable<double> Confidences(IReadOnlyList<AxisCrossValidation> axes) => axes.SelectMany(a => a.Predictions.Select(p => p.Confidence));

    /// <summary>
    /// 240 pieces of two periods whose label shows, blurred, in one pitch feature and (<paramref name="withHabit"/>)
    /// sharply in the encoding habit "clef other/none" (then the classes separate and the confidences saturate);
    /// without it, four features, so that the fit cannot separate the classes either.
    /// </summary>
    private static List<ScoreFeatures> Rows(Func<int, string> composerOf, bool withHabit = true)
    {
        var random = new Random(5);
        var habit = StyleFeatures.PitchRhythmLength + Array.IndexOf(TextureFeatures.Names, "clef other/none");
        return Enumerable.Range(0, 240).Select(i =>
        {
            var period = i % 2 == 0 ? "Baroque" : "Romantic";
            var features = Enumerable.Range(0, withHabit ? StyleFeatures.Length : 4).Select(_ => random.NextDouble()).ToArray();
            features[0] += period == "Baroque" ? 0.4 : 0;
            if (withHabit) features[habit] = period == "Baroque" ? 1 : 0;
            return new ScoreFeatures(new LabelRow($"x/{i}.abc", composerOf(i), period, "Keyboard", "CC0-1.0", IsExercise: false, DupGroup: null, Source: "s"), features);
        }).ToList();
    }
}
