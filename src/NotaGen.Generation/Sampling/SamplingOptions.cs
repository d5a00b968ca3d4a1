namespace NotaGen.Generation.Sampling;

/// <summary>Where the temperature acts relative to the top-k / top-p filters.</summary>
public enum SamplingOrder
{
    /// <summary>
    /// NotaGen's order (reference f): softmax, top-k, top-p, then the temperature on the already-filtered probabilities
    /// (log p / T, softmax), with the 1e-12 smoothing that lets filtered characters back in with negligible mass.
    /// </summary>
    NotaGen,

    /// <summary>The usual order: logits / T, then top-k and top-p on the tempered distribution.</summary>
    TemperatureFirst,
}

/// <summary>Per-character sampling controls. Defaults are NotaGen's (top_k 9, top_p 0.9, temperature 1.2).</summary>
/// <param name="TopK">Candidates kept; 0 keeps all.</param>
/// <param name="TopP">Smallest probability mass kept; 1 keeps all.</param>
/// <param name="Temperature">Above 1 flattens, below 1 sharpens; 0 takes the most probable character.</param>
public sealed record SamplingOptions(int TopK = 9, double TopP = 0.9, double Temperature = 1.2, SamplingOrder Order = SamplingOrder.NotaGen)
{
    public static SamplingOptions NotaGenDefaults { get; } = new();

    /// <summary>Always the most probable character (no randomness).</summary>
    public static SamplingOptions Greedy { get; } = new(TopK: 1, TopP: 1, Temperature: 0);

    public void Validate()
    {
        if (TopK < 0)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "top-k must be 0 (off) or positive");
        if (TopP is <= 0 or > 1 || double.IsNaN(TopP))
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, "top-p must be in (0, 1]");
        if (Temperature < 0 || double.IsNaN(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "temperature must be 0 or positive");
    }
}
