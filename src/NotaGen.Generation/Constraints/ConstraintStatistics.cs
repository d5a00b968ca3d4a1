namespace NotaGen.Generation.Constraints;

/// <summary>
/// How far the constraint pushed one piece from the model's own preferences, over its sampled characters (forced
/// ones excluded): the model's unmasked log-probability of each written character, the share of probability mass
/// the mask removed, and how often it removed more than half.
/// </summary>
public sealed class ConstraintStatistics
{
    /// <summary>Characters sampled (not forced).</summary>
    public long Sampled { get; private set; }

    /// <summary>Sum over sampled characters of the model's log-probability (natural log, before mask and filters).</summary>
    public double LogProbability { get; private set; }

    /// <summary>Sum over sampled characters of the probability mass the mask removed.</summary>
    public double RemovedMass { get; private set; }

    /// <summary>Sampled characters where the mask removed more than half of the mass.</summary>
    public long RemovedOverHalf { get; private set; }

    public double MeanLogProbability => Sampled == 0 ? 0 : LogProbability / Sampled;

    public double MeanRemovedMass => Sampled == 0 ? 0 : RemovedMass / Sampled;

    public double ShareRemovedOverHalf => Sampled == 0 ? 0 : (double)RemovedOverHalf / Sampled;

    /// <summary>Records one sampled character from its raw logits and the mask (null: no constraint).</summary>
    public void Record(ReadOnlySpan<float> logits, ReadOnlySpan<bool> allowed, int chosen)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
            max = Math.Max(max, l);
        double total = 0, kept = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var p = Math.Exp(logits[i] - max);
            total += p;
            if (allowed.IsEmpty || allowed[i])
                kept += p;
        }
        var removed = 1 - (kept / total);
        Sampled++;
        LogProbability += logits[chosen] - max - Math.Log(total);
        RemovedMass += removed;
        if (removed > 0.5)
            RemovedOverHalf++;
    }
}
