using System.Text.Json.Serialization;

namespace NotaGen.Modeling.Configuration;

/// <summary>
/// Switches for the style-conditioning mechanisms, so an ablation can turn each on or off. Prompt lines
/// (<c>%Period</c>, <c>%Composer</c>, <c>%Instrumentation</c>) are plain text in the piece: nothing in the model.
/// </summary>
public sealed record StyleConditioning
{
    /// <summary>
    /// The model reads NotaGen's prompt lines: when false, training drops them from every piece (PieceEncoder) and the
    /// front ends prompt without them.
    /// </summary>
    public bool PromptLines { get; init; } = true;

    /// <summary>Period, composer and instrumentation tables whose sum is added to every patch embedding.</summary>
    public bool Embeddings { get; init; }

    /// <summary>LoRA-style low-rank updates of the patch-level attention and MLP projections, one per style value.</summary>
    public bool Adapters { get; init; }

    public int AdapterRank { get; init; } = 8;

    /// <summary>LoRA's α: the update is scaled by α / rank.</summary>
    public double AdapterAlpha { get; init; } = 16;

    /// <summary>Patch layers that carry adapters; null = all of them.</summary>
    public int[]? AdapterLayers { get; init; }

    /// <summary>A learned per-head, per-layer attention bias of the patch level, chosen by the style.</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Whether any learned mechanism reads the style labels (prompt lines are text, not labels).</summary>
    [JsonIgnore]
    public bool UsesLabels => Embeddings || Adapters || AttentionBias;

    public static StyleConditioning None => new();
}
