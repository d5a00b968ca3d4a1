using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Sampling;

/// <summary>
/// The pieces of NotaGen's sampler as pure functions on probability rows <c>[batch, vocab]</c> (float64). Each returns
/// a new tensor; inputs are not changed.
/// </summary>
public static class ProbabilityFilters
{
    /// <summary>Added to every probability by NotaGen's <c>safe_normalize_probs</c> (PR #30).</summary>
    public const double Smoothing = 1e-12;

    /// <summary>NaN and negative values become 0, every entry gets +1e-12, each row sums to 1.</summary>
    public static Tensor SafeNormalise(Tensor probs)
    {
        using var scope = NewDisposeScope();
        var clean = nan_to_num(probs, 0.0, 0.0, 0.0).clamp_min(0.0).add(Smoothing);
        return clean.div(clean.sum(-1, keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>Zero all but the k largest entries of each row (exactly k, ties broken by index), then renormalise.</summary>
    public static Tensor TopK(Tensor probs, int k)
    {
        if (k <= 0 || k >= probs.shape[^1])
            return probs.clone();
        using var scope = NewDisposeScope();
        var (_, indices) = probs.topk(k, dim: -1);
        var mask = zeros_like(probs).scatter_(-1, indices, ones_like(indices, dtype: probs.dtype));
        return Renormalise(probs.mul(mask)).MoveToOuterDisposeScope();
    }

    /// <summary>Keep the smallest set of largest entries whose mass reaches p (at least one), then renormalise.</summary>
    public static Tensor TopP(Tensor probs, double p)
    {
        if (p >= 1.0)
            return probs.clone();
        using var scope = NewDisposeScope();
        var (sorted, indices) = probs.sort(-1, descending: true);
        // An entry stays when the mass strictly before it is still short of p.
        var before = sorted.cumsum(-1).sub(sorted);
        var keepSorted = before.lt(p).to(probs.dtype);
        var mask = zeros_like(probs).scatter_(-1, indices, keepSorted);
        return Renormalise(probs.mul(mask)).MoveToOuterDisposeScope();
    }

    /// <summary>NotaGen's temperature step on probabilities: softmax(log p / T). T = 0 puts all mass on the argmax.</summary>
    public static Tensor ApplyTemperature(Tensor probs, double temperature)
    {
        using var scope = NewDisposeScope();
        if (temperature <= 0)
            return OneHotArgmax(probs).MoveToOuterDisposeScope();
        return probs.log().div(temperature).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>1 at each row's largest entry, 0 elsewhere.</summary>
    public static Tensor OneHotArgmax(Tensor values)
    {
        using var scope = NewDisposeScope();
        var index = values.argmax(-1, keepdim: true);
        return zeros_like(values).scatter_(-1, index, ones_like(index, dtype: values.dtype)).MoveToOuterDisposeScope();
    }

    private static Tensor Renormalise(Tensor probs) => probs.div(probs.sum(-1, keepdim: true));
}
