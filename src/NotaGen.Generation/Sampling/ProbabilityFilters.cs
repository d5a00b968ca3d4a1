namespace NotaGen.Generation.Sampling;

/// <summary>
/// The steps of NotaGen's sampler as pure functions on one probability row (float64). NotaGen itself samples on the
/// host (its probabilities go through numpy); doing the same here keeps a character draw to one copy of 128 logits
/// instead of some forty tiny tensor operations, which dominated the cached loop's time per character.
/// The array functions return a new array; the <c>…InPlace</c> ones overwrite a span (same arithmetic, no allocation).
/// </summary>
public static class ProbabilityFilters
{
    /// <summary>Added to every probability by NotaGen's <c>safe_normalize_probs</c> (PR #30).</summary>
    public const double Smoothing = 1e-12;

    /// <summary>Softmax of logits (max-shifted).</summary>
    public static double[] Softmax(ReadOnlySpan<double> logits)
    {
        var result = logits.ToArray();
        SoftmaxInPlace(result);
        return result;
    }

    /// <summary>NaN and negative values become 0, every entry gets +1e-12, the row sums to 1.</summary>
    public static double[] SafeNormalise(ReadOnlySpan<double> probs)
    {
        var result = probs.ToArray();
        SafeNormaliseInPlace(result);
        return result;
    }

    /// <summary>Zero all but the k largest entries (exactly k; ties go to the lower id), then renormalise. k = 0 keeps all.</summary>
    public static double[] TopK(ReadOnlySpan<double> probs, int k)
    {
        var result = probs.ToArray();
        TopKInPlace(result, k);
        return result;
    }

    /// <summary>Keep the smallest set of largest entries whose mass reaches p (at least one), then renormalise. p = 1 keeps all.</summary>
    public static double[] TopP(ReadOnlySpan<double> probs, double p)
    {
        var result = probs.ToArray();
        TopPInPlace(result, p);
        return result;
    }

    /// <summary>NotaGen's temperature on probabilities: softmax(log p / T). T = 0 puts all mass on the argmax.</summary>
    public static double[] ApplyTemperature(ReadOnlySpan<double> probs, double temperature)
    {
        var result = probs.ToArray();
        ApplyTemperatureInPlace(result, temperature);
        return result;
    }

    /// <summary><see cref="Softmax"/> in place (the sampler's per-character path allocates nothing).</summary>
    public static void SoftmaxInPlace(Span<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var l in values)
            max = Math.Max(max, l);
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Exp(values[i] - max);
            sum += values[i];
        }
        for (var i = 0; i < values.Length; i++)
            values[i] /= sum;
    }

    /// <summary><see cref="SafeNormalise"/> in place.</summary>
    public static void SafeNormaliseInPlace(Span<double> probs)
    {
        var sum = 0.0;
        for (var i = 0; i < probs.Length; i++)
        {
            var p = double.IsNaN(probs[i]) || double.IsInfinity(probs[i]) || probs[i] < 0 ? 0.0 : probs[i];
            probs[i] = p + Smoothing;
            sum += probs[i];
        }
        for (var i = 0; i < probs.Length; i++)
            probs[i] /= sum;
    }

    /// <summary>
    /// <see cref="TopK"/> in place. The k largest are found by selection in the order of a stable descending sort
    /// (larger first, lower id first among equals), O(k · n) instead of sorting the whole row.
    /// </summary>
    public static void TopKInPlace(Span<double> probs, int k)
    {
        if (k <= 0 || k >= probs.Length)
            return;
        Span<bool> kept = probs.Length <= 1024 ? stackalloc bool[probs.Length] : new bool[probs.Length];
        for (var rank = 0; rank < k; rank++)
            kept[NextLargest(probs, kept)] = true;
        for (var i = 0; i < probs.Length; i++)
        {
            if (!kept[i])
                probs[i] = 0;
        }
        Renormalise(probs);
    }

    /// <summary><see cref="TopP"/> in place: entries are taken largest first (lower id first among equals) while the mass before them is short of p.</summary>
    public static void TopPInPlace(Span<double> probs, double p)
    {
        if (p >= 1.0)
            return;
        Span<bool> kept = probs.Length <= 1024 ? stackalloc bool[probs.Length] : new bool[probs.Length];
        var before = 0.0;
        for (var taken = 0; taken < probs.Length && before < p; taken++)
        {
            var id = NextLargest(probs, kept);
            kept[id] = true;
            before += probs[id];
        }
        for (var i = 0; i < probs.Length; i++)
        {
            if (!kept[i])
                probs[i] = 0;
        }
        Renormalise(probs);
    }

    /// <summary><see cref="ApplyTemperature"/> in place.</summary>
    public static void ApplyTemperatureInPlace(Span<double> probs, double temperature)
    {
        if (temperature <= 0)
        {
            var best = Argmax(probs);
            probs.Clear();
            probs[best] = 1;
            return;
        }
        for (var i = 0; i < probs.Length; i++)
            probs[i] = Math.Log(probs[i]) / temperature;
        SoftmaxInPlace(probs);
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

    // The largest entry not yet kept; the lowest id among equals (the order of a stable descending sort).
    private static int NextLargest(ReadOnlySpan<double> probs, ReadOnlySpan<bool> kept)
    {
        var best = -1;
        for (var i = 0; i < probs.Length; i++)
        {
            if (!kept[i] && (best < 0 || probs[i] > probs[best]))
                best = i;
        }
        return best;
    }

    // Sum in index order, then divide.
    private static void Renormalise(Span<double> probs)
    {
        var sum = 0.0;
        foreach (var p in probs)
            sum += p;
        for (var i = 0; i < probs.Length; i++)
            probs[i] /= sum;
    }
}
