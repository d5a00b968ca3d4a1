namespace NotaGen.Generation.Sampling;

/// <summary>
/// The steps of NotaGen's sampler as pure functions on one probability row (float64). NotaGen itself samples on the
/// host (its probabilities go through numpy); doing the same here keeps a character draw to one copy of 128 logits
/// instead of some forty tiny tensor operations, which dominated the cached loop's time per character.
/// Each function returns a new array.
/// </summary>
public static class ProbabilityFilters
{
    /// <summary>Added to every probability by NotaGen's <c>safe_normalize_probs</c> (PR #30).</summary>
    public const double Smoothing = 1e-12;

    /// <summary>Softmax of logits (max-shifted).</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logits)
            max = Math.Max(max, l);
        var result = new double[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = Math.Exp(logits[i] - max);
            sum += result[i];
        }
        for (var i = 0; i < result.Length; i++)
            result[i] /= sum;
        return result;
    }

    /// <summary>NaN and negative values become 0, every entry gets +1e-12, the row sums to 1.</summary>
    public static double[] SafeNormalise(ReadOnlySpan<double> probs)
    {
        var result = new double[probs.Length];
        var sum = 0.0;
        for (var i = 0; i < probs.Length; i++)
        {
            var p = double.IsNaN(probs[i]) || double.IsInfinity(probs[i]) || probs[i] < 0 ? 0.0 : probs[i];
            result[i] = p + Smoothing;
            sum += result[i];
        }
        for (var i = 0; i < result.Length; i++)
            result[i] /= sum;
        return result;
    }

    /// <summary>Zero all but the k largest entries (exactly k; ties go to the lower id), then renormalise. k = 0 keeps all.</summary>
    public static double[] TopK(ReadOnlySpan<double> probs, int k)
    {
        var result = probs.ToArray();
        if (k <= 0 || k >= probs.Length)
            return result;
        var order = Descending(probs);
        for (var rank = k; rank < order.Length; rank++)
            result[order[rank]] = 0;
        return Renormalise(result);
    }

    /// <summary>Keep the smallest set of largest entries whose mass reaches p (at least one), then renormalise. p = 1 keeps all.</summary>
    public static double[] TopP(ReadOnlySpan<double> probs, double p)
    {
        var result = probs.ToArray();
        if (p >= 1.0)
            return result;
        var order = Descending(probs);
        var before = 0.0;
        foreach (var id in order)
        {
            // An entry stays while the mass strictly before it is still short of p.
            if (before >= p)
                result[id] = 0;
            before += probs[id];
        }
        return Renormalise(result);
    }

    /// <summary>NotaGen's temperature on probabilities: softmax(log p / T). T = 0 puts all mass on the argmax.</summary>
    public static double[] ApplyTemperature(ReadOnlySpan<double> probs, double temperature)
    {
        if (temperature <= 0)
            return OneHot(probs.Length, Argmax(probs));
        var logits = new double[probs.Length];
        for (var i = 0; i < probs.Length; i++)
            logits[i] = Math.Log(probs[i]) / temperature;
        return Softmax(logits);
    }

    /// <summary>Index of the largest entry (the lowest such index on ties).</summary>
    public static int Argmax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }

    /// <summary>The id whose cumulative probability first exceeds <paramref name="uniform"/> (in [0, 1)) times the row's mass.</summary>
    public static int InverseCdf(ReadOnlySpan<double> probs, double uniform)
    {
        var total = 0.0;
        foreach (var p in probs)
            total += p;
        var target = uniform * total;
        var cumulative = 0.0;
        var last = 0;
        for (var i = 0; i < probs.Length; i++)
        {
            if (probs[i] <= 0)
                continue;
            cumulative += probs[i];
            last = i;
            if (cumulative > target)
                return i;
        }
        return last;
    }

    private static int[] Descending(ReadOnlySpan<double> probs)
    {
        var values = probs.ToArray();
        var order = Enumerable.Range(0, probs.Length).ToArray();
        // Stable sort by descending value: ties keep id order.
        return order.OrderByDescending(i => values[i]).ToArray();
    }

    private static double[] OneHot(int length, int index)
    {
        var result = new double[length];
        result[index] = 1;
        return result;
    }

    private static double[] Renormalise(double[] probs)
    {
        var sum = probs.Sum();
        for (var i = 0; i < probs.Length; i++)
            probs[i] /= sum;
        return probs;
    }
}
