namespace NotaGen.Evaluation.Statistics;

/// <summary>A mean with its percentile bootstrap confidence interval.</summary>
public sealed record MeanInterval(int Count, double Mean, double Low, double High);

/// <summary>
/// Percentile bootstrap of the mean: <paramref name="resamples"/> resamples with replacement drawn from one seeded
/// <see cref="Random"/>, the interval between the (1 − level)/2 and (1 + level)/2 quantiles of their means (linear
/// interpolation between order statistics). NaN values are left out first; no values gives NaN throughout.
/// </summary>
public static class Bootstrap
{
    public static MeanInterval Mean(IEnumerable<double> values, int seed, int resamples = 1000, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var data = values.Where(v => !double.IsNaN(v)).ToArray();
        if (data.Length == 0) return new MeanInterval(0, double.NaN, double.NaN, double.NaN);
        var mean = data.Average();
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < data.Length; i++) sum += data[random.Next(data.Length)];
            means[r] = sum / data.Length;
        }
        Array.Sort(means);
        return new MeanInterval(data.Length, mean, Quantile(means, (1 - level) / 2), Quantile(means, (1 + level) / 2));
    }

    /// <summary>Quantile of sorted values, linear between order statistics (numpy's default).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
