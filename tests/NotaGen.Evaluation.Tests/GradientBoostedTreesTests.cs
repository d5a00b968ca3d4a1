using NotaGen.Evaluation.Style;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class GradientBoostedTreesTests
{
    /// <summary>Points in the square [−1, 1]², labelled by quadrant parity (XOR): no linear boundary separates the classes.</summary>
    private static (List<double[]> Inputs, List<string> Labels) Xor(int count, int seed)
    {
        var random = new Random(seed);
        var inputs = new List<double[]>();
        var labels = new List<string>();
        while (inputs.Count < count)
        {
            double[] x = [random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble()]; // the third is noise
            if (Math.Abs(x[0]) < 0.05 || Math.Abs(x[1]) < 0.05) continue; // keep off the boundary
            inputs.Add(x);
            labels.Add(x[0] * x[1] > 0 ? "same" : "opposite");
        }
        return (inputs, labels);
    }

    [Fact]
    public void Boosted_trees_learn_xor_that_logistic_regression_cannot_and_repeat_for_the_same_seed()
    {
        var (train, trainLabels) = Xor(400, 1);
        var (test, testLabels) = Xor(200, 2);
        var trees = GradientBoostedTrees.Train(train, trainLabels, new BoostingOptions { Seed = 5 });
        var linear = LogisticRegression.Train(train, trainLabels);
        double Accuracy(IReadOnlyList<string> classes, Func<double[], double[]> scores) =>
            Enumerable.Range(0, test.Count).Count(i =>
            {
                var s = scores(test[i]);
                return classes[Array.IndexOf(s, s.Max())] == testLabels[i];
            }) / (double)test.Count;
        var treeAccuracy = Accuracy(trees.Classes, trees.Scores);
        var linearAccuracy = Accuracy(linear.Classes, linear.Scores);
        Assert.True(treeAccuracy >= 0.95, $"trees {treeAccuracy}");
        Assert.True(linearAccuracy <= 0.75, $"logistic {linearAccuracy}");

        var same = GradientBoostedTrees.Train(train, trainLabels, new BoostingOptions { Seed = 5 });
        var other = GradientBoostedTrees.Train(train, trainLabels, new BoostingOptions { Seed = 6 });
        Assert.All(test, x => Assert.Equal(trees.Scores(x), same.Scores(x)));
        Assert.Contains(test, x => !trees.Scores(x).SequenceEqual(other.Scores(x))); // the subsample is drawn from the seed
        var p = Calibration.Softmax(trees.Scores(test[0]));
        Assert.Equal(1, p.Sum(), 12);
    }

    [Fact]
    public void Sample_weights_move_the_boundary_toward_the_lighter_class_and_bad_input_is_refused()
    {
        // One feature: "a" below 0.5, "b" above, with an overlap in [0.4, 0.6] where they alternate.
        var inputs = Enumerable.Range(0, 200).Select(i => new[] { i / 200.0 }).ToList();
        var labels = inputs.Select((x, i) => x[0] < 0.4 ? "a" : x[0] >= 0.6 ? "b" : i % 2 == 0 ? "a" : "b").ToList();
        var heavyA = labels.Select(l => l == "a" ? 10.0 : 1.0).ToList();
        var plain = GradientBoostedTrees.Train(inputs, labels, new BoostingOptions { Subsample = 1 });
        var weighted = GradientBoostedTrees.Train(inputs, labels, new BoostingOptions { Subsample = 1 }, heavyA);
        double PA(GradientBoostedTrees model, double x) => Calibration.Softmax(model.Scores([x]))[0];
        Assert.True(PA(weighted, 0.5) > PA(plain, 0.5), $"{PA(weighted, 0.5)} vs {PA(plain, 0.5)}");
        Assert.True(PA(plain, 0.1) > 0.9 && PA(plain, 0.9) < 0.1);
        Assert.Throws<ArgumentException>(() => GradientBoostedTrees.Train(inputs, labels.Take(5).ToList()));
        Assert.Throws<ArgumentException>(() => GradientBoostedTrees.Train(inputs, labels, sampleWeights: [1.0]));
    }
}
