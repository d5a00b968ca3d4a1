namespace NotaGen.Evaluation.SetComparison;

/// <summary>
/// A one-dimensional Gaussian kernel density estimate with Scott's bandwidth, as <c>scipy.stats.gaussian_kde</c>
/// (bandwidth = sample standard deviation (ddof 1) × n^(−1/5)). Null when the sample has fewer than two points or no
/// spread (scipy fails there with a singular covariance).
/// </summary>
public sealed class GaussianKde
{
    private readonly double[] points;

    private GaussianKde(double[] points, double bandwidth)
    {
        this.points = points;
        Bandwidth = bandwidth;
    }

    public double Bandwidth { get; }

    public static GaussianKde? Fit(IReadOnlyList<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count < 2) return null;
        var mean = sample.Average();
        var variance = sample.Sum(x => (x - mean) * (x - mean)) / (sample.Count - 1);
        if (!(variance > 0)) return null;
        return new GaussianKde([.. sample], Math.Sqrt(variance) * Math.Pow(sample.Count, -0.2));
    }

    public double Density(double x)
    {
        var sum = 0.0;
        foreach (var p in points)
        {
            var z = (x - p) / Bandwidth;
            sum += Math.Exp(-0.5 * z * z);
        }
        return sum / (points.Length * Bandwidth * Math.Sqrt(2 * Math.PI));
    }
}
