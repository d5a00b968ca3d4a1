namespace NotaGen.Evaluation.Style;

/// <summary>One tree of a saved <see cref="GradientBoostedTrees"/>: its nodes as parallel arrays, root first (a leaf has feature −1).</summary>
public sealed record BoostedTreeFile(int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Value);

/// <summary>A saved <see cref="GradientBoostedTrees"/>: the learning rate and the trees per round and class.</summary>
public sealed record BoostedTreesFile(double LearningRate, BoostedTreeFile[][] Rounds);

/// <summary>
/// Saving and loading the trees (kept apart from the training code). Thresholds, leaf values and the learning rate are
/// doubles that JSON writes round-trippably, so a loaded model scores bit-identically to the one saved.
/// </summary>
public sealed partial class GradientBoostedTrees
{
    public BoostedTreesFile ToFile() => new(learningRate, trees.Select(round => round.Select(nodes => new BoostedTreeFile(
        nodes.Select(n => n.Feature).ToArray(), nodes.Select(n => n.Threshold).ToArray(), nodes.Select(n => n.Left).ToArray(),
        nodes.Select(n => n.Right).ToArray(), nodes.Select(n => n.Value).ToArray())).ToArray()).ToArray());

    /// <summary>
    /// The trees of <paramref name="file"/>, checked so that a damaged file is refused rather than read wrong: one tree per
    /// class per round, every split on a feature below <paramref name="width"/>, and children after their parent (so
    /// evaluation always reaches a leaf).
    /// </summary>
    /// <exception cref="FormatException">The file does not describe trees of these classes over <paramref name="width"/> features.</exception>
    public static GradientBoostedTrees FromFile(IReadOnlyList<string> classes, BoostedTreesFile file, int width)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(file);
        if (classes.Count == 0) throw new FormatException("gradient-boosted trees without classes");
        if (file.Rounds is null || file.Rounds.Length == 0) throw new FormatException("gradient-boosted trees without rounds");
        if (!double.IsFinite(file.LearningRate)) throw new FormatException("gradient-boosted trees with a learning rate that is not a number");
        var rounds = new Node[file.Rounds.Length][][];
        for (var r = 0; r < rounds.Length; r++)
        {
            var round = file.Rounds[r] ?? throw new FormatException($"round {r}: no trees");
            if (round.Length != classes.Count)
                throw new FormatException($"round {r}: {round.Length} trees for {classes.Count} classes");
            rounds[r] = new Node[round.Length][];
            for (var c = 0; c < round.Length; c++)
                rounds[r][c] = Nodes(round[c], width, $"round {r}, class '{classes[c]}'");
        }
        return new GradientBoostedTrees([.. classes], rounds, file.LearningRate);
    }

    private static Node[] Nodes(BoostedTreeFile? tree, int width, string where)
    {
        if (tree?.Feature is null || tree.Threshold is null || tree.Left is null || tree.Right is null || tree.Value is null)
            throw new FormatException($"{where}: a tree needs Feature, Threshold, Left, Right and Value");
        var count = tree.Feature.Length;
        if (count == 0 || tree.Threshold.Length != count || tree.Left.Length != count || tree.Right.Length != count || tree.Value.Length != count)
            throw new FormatException($"{where}: a tree's node arrays must be non-empty and of one length");
        var nodes = new Node[count];
        for (var i = 0; i < count; i++)
        {
            var feature = tree.Feature[i];
            if (feature >= 0)
            {
                if (feature >= width) throw new FormatException($"{where}, node {i}: feature {feature}, but the classifiers read {width}");
                if (tree.Left[i] <= i || tree.Left[i] >= count || tree.Right[i] <= i || tree.Right[i] >= count)
                    throw new FormatException($"{where}, node {i}: children {tree.Left[i]} and {tree.Right[i]} must come after it, below {count}");
            }
            else if (feature != -1 || !double.IsFinite(tree.Value[i]))
            {
                throw new FormatException($"{where}, node {i}: a leaf has feature -1 and a finite value");
            }
            nodes[i] = new Node(feature, tree.Threshold[i], tree.Left[i], tree.Right[i], tree.Value[i]);
        }
        return nodes;
    }
}
