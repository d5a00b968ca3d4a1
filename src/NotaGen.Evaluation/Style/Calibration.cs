namespace NotaGen.Evaluation.Style;

/// <summary>One bin of a reliability diagram: predictions whose confidence fell in [Low, High).</summary>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// Calibration of a classifier's probabilities: the reliability diagram (the confidence of the predicted class binned
/// into equal-width bins, each bin's mean confidence against its accuracy), the expected calibration error (ECE: the
/// bins' |accuracy − confidence| weighted by their share of predictions), and temperature scaling (softmax(z / T),
/// one T fitted by the least negative log-likelihood on held-out predictions).
/// </summary>
public static class Calibration
{
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (confidence.Count != correct.Count) throw new ArgumentException("as many outcomes as confidences are needed");
        var members = Enumerable.Range(0, bins).Select(_ => new List<int>()).ToArray();
        for (var n = 0; n < confidence.Count; n++)
            members[Math.Clamp((int)(confidence[n] * bins), 0, bins - 1)].Add(n); // confidence 1 joins the last bin
        return Enumerable.Range(0, bins).Select(b => new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, members[b].Count,
            members[b].Count == 0 ? double.NaN : members[b].Average(n => confidence[n]),
            members[b].Count == 0 ? double.NaN : members[b].Count(n => correct[n]) / (double)members[b].Count)).ToList();
    }

    public static double ExpectedCalibrationError(IReadOnlyList<ReliabilityBin> bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var total = bins.Sum(b => b.Count);
        return total == 0 ? double.NaN : bins.Where(b => b.Count > 0).Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / total;
    }

    public static double[] Softmax(double[] scores, double temperature = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var max = scores.Max();
        var p = scores.Select(s => Math.Exp((s - max) / temperature)).ToArray();
        var total = p.Sum();
        for (var k = 0; k < p.Length; k++) p[k] /= total;
        return p;
    }

    /// <summary>Mean negative log-likelihood of the true classes under softmax(scores / T).</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<double[]> scores, IReadOnlyList<int> truth, double temperature)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(truth);
        var sum = 0.0;
        for (var n = 0; n < scores.Count; n++)
        {
            var z = scores[n];
            var max = z.Max();
            var log = Math.Log(z.Sum(s => Math.Exp((s - max) / temperature)));
            sum += log - (z[truth[n]] - max) / temperature;
        }
        return sum / Math.Max(1, scores.Count);
    }

    /// <summary>
    /// The temperature in [0.05, 20] with the least negative log-likelihood, by golden-section search on log T (the NLL
    /// is convex in 1/T for fixed scores, so it is unimodal in log T).
    /// </summary>
    public static double FitTemperature(IReadOnlyList<double[]> scores, IReadOnlyList<int> truth)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0) return 1;
        double Loss(double logT) => NegativeLogLikelihood(scores, truth, Math.Exp(logT));
        double low = Math.Log(0.05), high = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = high - ratio * (high - low), b = low + ratio * (high - low);
        double fa = Loss(a), fb = Loss(b);
        for (var step = 0; step < 80 && high - low > 1e-6; step++)
        {
            if (fa <= fb)
            {
                high = b;
                (b, fb) = (a, fa);
                a = high - ratio * (high - low);
                fa = Loss(a);
            }
            else
            {
                low = a;
                (a, fa) = (b, fb);
                b = low + ratio * (high - low);
                fb = Loss(b);
            }
        }
        return Math.Exp((low + high) / 2);
    }
}
