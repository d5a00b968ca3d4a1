using NotaGen.Corpus.Labels;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// Sample weights that keep one prolific composer from defining a class: each piece weighs 1/√(pieces of its
/// composer), so a composer's total grows as the square root of his pieces (Bach's 595 Baroque scores count as about 24
/// pieces' worth against Corelli's 137 as about 12). Scaled to a mean of 1. A piece without a composer is its own group.
/// </summary>
public static class ComposerWeights
{
    public static double[] Of(IReadOnlyList<LabelRow> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0) return [];
        var keys = scores.Select((s, i) => s.Composer is { } c ? "composer:" + c : "piece:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var counts = keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var weights = keys.Select(k => 1 / Math.Sqrt(counts[k])).ToArray();
        var mean = weights.Average();
        return weights.Select(w => w / mean).ToArray();
    }
}
