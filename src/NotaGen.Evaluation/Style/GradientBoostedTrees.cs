namespace NotaGen.Evaluation.Style;

/// <summary>Settings of <see cref="GradientBoostedTrees"/>.</summary>
public sealed record BoostingOptions
{
    public int Rounds { get; init; } = 100;

    public int Depth { get; init; } = 3;

    public double LearningRate { get; init; } = 0.1;

    /// <summary>Share of the training pieces each round's trees see, drawn with <see cref="Seed"/>.</summary>
    public double Subsample { get; init; } = 0.8;

    /// <summary>A split must leave at least this much Hessian (about this many confident pieces' worth) on each side.</summary>
    public double MinLeafHessian { get; init; } = 1;

    /// <summary>L2 penalty on each leaf's value.</summary>
    public double Lambda { get; init; } = 1;

    /// <summary>Thresholds per feature: quantiles of its training values.</summary>
    public int Bins { get; init; } = 32;

    public int Seed { get; init; }
}

/// <summary>
/// A non-linear alternative to <see cref="LogisticRegression"/> for the style axes: multiclass gradient boosting of
/// small regression trees on the softmax loss (one tree per class per round, Newton leaf values, as in Friedman's
/// TreeBoost and XGBoost), with thresholds at training-set quantiles. Deterministic for a seed: the only random draw
/// is each round's subsample. Written here rather than taken from ML.NET's FastTree so that it reads the same
/// standardised feature rows and sample weights as the logistic regression and its scores feed the same calibration.
/// </summary>
public sealed partial class GradientBoostedTrees : IStyleAxisClassifier
{
    private readonly Node[][][] trees; // [round][class] nodes, root first
    private readonly double learningRate;

    private GradientBoostedTrees(IReadOnlyList<string> classes, Node[][][] trees, double learningRate)
    {
        Classes = classes;
        this.trees = trees;
        this.learningRate = learningRate;
    }

    public IReadOnlyList<string> Classes { get; }

    public string Kind => "gradient-boosted trees";

    /// <summary>A split (<see cref="Feature"/> ≥ 0: go left when the value is at most <see cref="Threshold"/>) or a leaf (<see cref="Value"/>).</summary>
    private readonly record struct Node(int Feature, double Threshold, int Left, int Right, double Value);

    /// <param name="sampleWeights">A weight per input (null: all 1), e.g. <see cref="LogisticRegression.BalancedWeights"/>.</param>
    /// <param name="cancellation">Checked before every boosting round (throws <see cref="OperationCanceledException"/>).</param>
    public static GradientBoostedTrees Train(IReadOnlyList<double[]> inputs, IReadOnlyList<string> labels, BoostingOptions? options = null, IReadOnlyList<double>? sampleWeights = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new BoostingOptions();
        if (inputs.Count == 0 || inputs.Count != labels.Count)
            throw new ArgumentException("gradient boosting needs as many labels as inputs, and at least one");
        if (sampleWeights is not null && sampleWeights.Count != inputs.Count)
            throw new ArgumentException("gradient boosting needs as many sample weights as inputs", nameof(sampleWeights));
        var classes = labels.Distinct().Order(StringComparer.Ordinal).ToList();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var truth = labels.Select(l => classIndex[l]).ToArray();
        var weight = sampleWeights?.ToArray() ?? Enumerable.Repeat(1.0, inputs.Count).ToArray();
        var (binned, thresholds) = Bin(inputs, options.Bins);
        var n = inputs.Count;
        var k = classes.Count;
        var scores = new double[n][];
        for (var i = 0; i < n; i++) scores[i] = new double[k];
        var random = new Random(options.Seed);
        var rounds = new Node[options.Rounds][][];
        var gradient = new double[n];
        var hessian = new double[n];
        for (var round = 0; round < options.Rounds; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            var sample = Enumerable.Range(0, n).Where(_ => random.NextDouble() < options.Subsample).ToArray();
            if (sample.Length == 0) sample = Enumerable.Range(0, n).ToArray();
            var probabilities = scores.Select(s => Calibration.Softmax(s)).ToArray();
            rounds[round] = new Node[k][];
            for (var c = 0; c < k; c++)
            {
                for (var i = 0; i < n; i++)
                {
                    var p = probabilities[i][c];
                    gradient[i] = weight[i] * ((truth[i] == c ? 1 : 0) - p);
                    hessian[i] = weight[i] * Math.Max(p * (1 - p), 1e-6);
                }
                var nodes = new List<Node>();
                Grow(nodes, sample, 0, binned, thresholds, gradient, hessian, options);
                rounds[round][c] = [.. nodes];
            }
            for (var i = 0; i < n; i++)
                for (var c = 0; c < k; c++)
                    scores[i][c] += options.LearningRate * Evaluate(rounds[round][c], inputs[i]);
        }
        return new GradientBoostedTrees(classes, rounds, options.LearningRate);
    }

    /// <summary>Unnormalised class scores (softmax gives the probabilities), in the order of <see cref="Classes"/>.</summary>
    public double[] Scores(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scores = new double[Classes.Count];
        foreach (var round in trees)
            for (var c = 0; c < scores.Length; c++)
                scores[c] += learningRate * Evaluate(round[c], features);
        return scores;
    }

    private static double Evaluate(Node[] nodes, double[] x)
    {
        var node = nodes[0];
        while (node.Feature >= 0) node = nodes[x[node.Feature] <= node.Threshold ? node.Left : node.Right];
        return node.Value;
    }

    /// <summary>Adds the subtree for <paramref name="rows"/> to <paramref name="nodes"/> and returns its index.</summary>
    private static int Grow(List<Node> nodes, int[] rows, int depth, byte[][] binned, double[][] thresholds, double[] g, double[] h, BoostingOptions options)
    {
        var index = nodes.Count;
        double sumG = 0, sumH = 0;
        foreach (var r in rows)
        {
            sumG += g[r];
            sumH += h[r];
        }
        var leaf = new Node(-1, 0, -1, -1, sumG / (sumH + options.Lambda));
        nodes.Add(leaf);
        if (depth >= options.Depth || sumH < 2 * options.MinLeafHessian) return index;
        var parentGain = sumG * sumG / (sumH + options.Lambda);
        var best = (Gain: 1e-9, Feature: -1, Bin: -1);
        var histG = new double[options.Bins];
        var histH = new double[options.Bins];
        for (var f = 0; f < thresholds.Length; f++)
        {
            var cuts = thresholds[f].Length;
            if (cuts == 0) continue;
            Array.Clear(histG);
            Array.Clear(histH);
            foreach (var r in rows)
            {
                histG[binned[r][f]] += g[r];
                histH[binned[r][f]] += h[r];
            }
            double leftG = 0, leftH = 0;
            for (var b = 0; b < cuts; b++)
            {
                leftG += histG[b];
                leftH += histH[b];
                var rightH = sumH - leftH;
                if (leftH < options.MinLeafHessian || rightH < options.MinLeafHessian) continue;
                var rightG = sumG - leftG;
                var gain = leftG * leftG / (leftH + options.Lambda) + rightG * rightG / (rightH + options.Lambda) - parentGain;
                if (gain > best.Gain) best = (gain, f, b);
            }
        }
        if (best.Feature < 0) return index;
        var left = rows.Where(r => binned[r][best.Feature] <= best.Bin).ToArray();
        var right = rows.Where(r => binned[r][best.Feature] > best.Bin).ToArray();
        var leftIndex = Grow(nodes, left, depth + 1, binned, thresholds, g, h, options);
        var rightIndex = Grow(nodes, right, depth + 1, binned, thresholds, g, h, options);
        nodes[index] = new Node(best.Feature, thresholds[best.Feature][best.Bin], leftIndex, rightIndex, 0);
        return index;
    }

    /// <summary>
    /// Each feature's thresholds (distinct quantiles of its training values, at most <paramref name="bins"/> − 1) and
    /// every input's bin per feature: bin b holds the values at most threshold b and above threshold b − 1.
    /// </summary>
    private static (byte[][] Binned, double[][] Thresholds) Bin(IReadOnlyList<double[]> inputs, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 256);
        var width = inputs[0].Length;
        var thresholds = new double[width][];
        for (var f = 0; f < width; f++)
        {
            var values = inputs.Select(x => x[f]).Order().ToArray();
            thresholds[f] = Enumerable.Range(1, bins - 1).Select(q => values[(int)((long)q * (values.Length - 1) / bins)])
                .Distinct().Where(t => t < values[^1]).ToArray();
        }
        var binned = inputs.Select(x =>
        {
            var row = new byte[width];
            for (var f = 0; f < width; f++)
            {
                var b = Array.BinarySearch(thresholds[f], x[f]);
                row[f] = (byte)(b >= 0 ? b : ~b);
            }
            return row;
        }).ToArray();
        return (binned, thresholds);
    }
}
