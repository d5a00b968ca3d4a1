using System.Text.Json.Nodes;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Style;
using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

/// <summary>The saved style classifiers: trees kept exactly, older files still read, newer or damaged ones refused by name.</summary>
public sealed class StyleModelFileTests
{
    [Fact]
    public void Saved_boosted_trees_load_with_bit_identical_probabilities_and_keep_temperatures_and_held_out_figures()
    {
        var training = Synthetic(90, seed: 1);
        var model = StyleModel.Train(training, new StyleTrainingOptions { MinComposerPieces = 1 }, learner: StyleLearner.Trees,
            boosting: new BoostingOptions { Rounds = 20, Seed = 3 })
            .WithTemperatures(new Dictionary<string, double> { ["period"] = 1.37, ["instrumentation"] = 0.81 });
        Assert.IsType<GradientBoostedTrees>(model.Axes["period"]);
        Assert.IsType<GradientBoostedTrees>(model.Axes["instrumentation"]);
        Assert.IsType<LogisticRegression>(model.Axes["composer"]);
        using var temp = new TempDirectory();
        model.Save(temp.File("style.json"));
        var loaded = StyleModel.Load(temp.File("style.json"));

        Assert.IsType<GradientBoostedTrees>(loaded.Axes["period"]);
        Assert.Equal(model.Temperatures, loaded.Temperatures);
        var probes = Synthetic(40, seed: 2).Select(p => p.Features).ToList();
        var distinct = new HashSet<double>();
        foreach (var probe in probes)
        {
            var expected = model.Classify(probe);
            var actual = loaded.Classify(probe);
            foreach (var axis in expected.Keys)
            {
                Assert.Equal(expected[axis].Label, actual[axis].Label);
                foreach (var (label, p) in expected[axis].Probabilities)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(p), BitConverter.DoubleToInt64Bits(actual[axis].Probabilities[label]));
            }
            distinct.Add(expected["period"].Probabilities["Baroque"]);
        }
        Assert.True(distinct.Count > 5, "the probes reach different leaves"); // the comparison is not of one constant

        var validated = StyleModel.Load(temp.File("style.json")).WithValidation(
            StyleCrossValidation.Run(training.Select(t => new ScoreFeatures(new LabelRow(WorkFolder(t.Id), t.Labels.Composer, t.Labels.Period, t.Labels.Instrumentation, "CC0", IsExercise: false, DupGroup: null, Source: "s"), t.Features)).ToList(),
                new CrossValidationOptions { Learner = StyleLearner.Trees, Boosting = new BoostingOptions { Rounds = 5 }, Training = new StyleTrainingOptions { MinClassPieces = 5 } }),
            StyleGrouping.Work);
        validated.Save(temp.File("validated.json"));
        var again = StyleModel.Load(temp.File("validated.json"));
        Assert.Equal(validated.HeldOut["period"], again.HeldOut["period"]);
        Assert.Equal("work", again.HeldOut["period"].GroupedBy);
        Assert.Equal(90, again.HeldOut["period"].Total);
        Assert.Equal(validated.Temperatures, again.Temperatures);
    }

    [Fact]
    public void A_file_of_the_first_format_without_version_or_learners_loads_as_the_logistic_regressions_it_holds()
    {
        var model = StyleModel.Train(Synthetic(60, seed: 4), new StyleTrainingOptions { MinComposerPieces = 1 });
        using var temp = new TempDirectory();
        model.Save(temp.File("style.json"));
        // The first format: the same fields, no Version, no Learner per axis, Temperatures written as null.
        var json = JsonNode.Parse(File.ReadAllText(temp.File("style.json")))!.AsObject();
        Assert.Equal(2, (int)json["Version"]!);
        json.Remove("Version");
        foreach (var (_, axis) in json["Axes"]!.AsObject()) axis!.AsObject().Remove("Learner");
        json["Temperatures"] = null;
        File.WriteAllText(temp.File("v1.json"), json.ToJsonString());

        var loaded = StyleModel.Load(temp.File("v1.json"));
        Assert.All(loaded.Axes.Values, a => Assert.IsType<LogisticRegression>(a));
        Assert.Empty(loaded.HeldOut);
        var probe = Synthetic(1, seed: 5)[0].Features;
        Assert.Equal(model.Classify(probe)["composer"].Probabilities, loaded.Classify(probe)["composer"].Probabilities);
    }

    [Theory]
    [InlineData("version", "format version 3; this build reads versions 1 to 2")]
    [InlineData("learner", "axis 'period': unknown learner 'forest'")]
    [InlineData("cycle", "node 0: children 0 and")]
    [InlineData("feature", "but the classifiers read")]
    [InlineData("missing", "axis 'period': a trees classifier needs Classes and Trees")]
    public void A_newer_or_damaged_file_is_refused_naming_the_file_and_saying_to_delete_or_retrain(string damage, string expected)
    {
        var model = StyleModel.Train(Synthetic(60, seed: 6), new StyleTrainingOptions { MinComposerPieces = 1 }, learner: StyleLearner.Trees,
            boosting: new BoostingOptions { Rounds = 3 });
        using var temp = new TempDirectory();
        var path = temp.File("style.json");
        model.Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var period = json["Axes"]!["period"]!.AsObject();
        var firstTree = period["Trees"]!["Rounds"]![0]![0]!.AsObject();
        switch (damage)
        {
            case "version": json["Version"] = 3; break;
            case "learner": period["Learner"] = "forest"; break;
            case "cycle": firstTree["Left"]![0] = 0; break; // a split pointing at itself would loop for ever
            case "feature": firstTree["Feature"]![0] = StyleFeatures.Length; break;
            case "missing": period.Remove("Trees"); break;
        }
        Assert.True((int)firstTree["Feature"]![0]! >= 0 || damage is "version" or "learner" or "missing", "the first tree splits");
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<MusicFormatException>(() => StyleModel.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Each piece its own work for the grouping by work: a folder named by letters (digits could fold folders together).</summary>
    private static string WorkFolder(string path) => string.Concat(path.Skip(1).Select(d => (char)('a' + d - '0'))) + "/score.mxl";

    /// <summary>Random feature vectors whose labels follow a few of their features (non-linearly for instrumentation).</summary>
    private static List<LabelledFeatures> Synthetic(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var x = Enumerable.Range(0, StyleFeatures.Length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var period = x[0] + 0.3 * x[1] > 0 ? "Baroque" : "Romantic";
            var instrumentation = x[2] * x[3] > 0 ? "Keyboard" : x[4] > 0 ? "Chamber" : "Art Song";
            var composer = period == "Baroque" ? (x[5] > 0 ? "Bach, Johann Sebastian" : "Corelli, Arcangelo") : "Chopin, Frederic";
            return new LabelledFeatures($"p{i}", CorpusSplits.Train, new StylePrompt(period, composer, instrumentation), x);
        }).ToList();
    }
}
