using NotaGen.Modeling.Style;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Attention;

/// <summary>
/// What every attention layer of one forward pass shares: how many positions are already cached, the additive mask
/// (causal + batch padding) when plain causal attention is not enough, the style context and slopes of the style
/// attention bias, and an optional capture of the weights.
/// </summary>
public sealed class AttentionInputs
{
    /// <summary>Value added to the scores of masked keys: finite, so a row with no visible key cannot become NaN.</summary>
    public const float MaskedScore = -1e9f;

    public required AttentionLevel Level { get; init; }

    /// <summary>Positions already in the cache before this pass.</summary>
    public required long Past { get; init; }

    /// <summary>New positions (queries) in this pass.</summary>
    public required long Queries { get; init; }

    /// <summary>[B or 1, 1, Tq, Tk] additive mask, or null when plain causal attention from position 0 is exact.</summary>
    public Tensor? Mask { get; init; }

    /// <summary>[B, layers, heads] slopes of the style attention bias, or null.</summary>
    public Tensor? StyleSlopes { get; init; }

    /// <summary>[Tq, Tk] query position minus key position (only with <see cref="StyleSlopes"/>).</summary>
    public Tensor? Distances { get; init; }

    public StyleContext? Style { get; init; }

    public AttentionCapture? Capture { get; init; }

    /// <summary>
    /// The additive score bias of one layer [*, heads or 1, Tq, Tk], or null when none is needed (then Tq > 1 means
    /// "causal from position 0" and Tq = 1 means "see every cached key").
    /// </summary>
    public Tensor? BiasFor(int layer)
    {
        if (StyleSlopes is null) return Mask;
        // A per-head constant would cancel in the softmax, so the style sets a per-head slope on the query–key
        // distance (ALiBi-like): a positive slope focuses a head on recent patches, a negative one on distant ones.
        var slopes = StyleSlopes.select(1, layer);                      // [B, heads]
        var bias = slopes.unsqueeze(-1).unsqueeze(-1) * Distances!.neg(); // [B, heads, Tq, Tk]
        return Mask is null ? bias : bias + Mask;
    }

    /// <summary>
    /// Additive causal mask [B or 1, 1, Tq, Tk] for queries at positions past..past+Tq−1 over keys 0..past+Tq−1,
    /// also hiding padding keys when <paramref name="keyMask"/> [B, Tk] (true = real) is given.
    /// </summary>
    public static Tensor BuildMask(long past, long queries, Tensor? keyMask, ScalarType dtype, Device device)
    {
        var keys = past + queries;
        var queryPositions = arange(past, keys, device: device).unsqueeze(1); // [Tq, 1]
        var keyPositions = arange(0, keys, device: device).unsqueeze(0);      // [1, Tk]
        var visible = keyPositions.le(queryPositions);                         // [Tq, Tk]
        var allowed = keyMask is null
            ? visible.unsqueeze(0).unsqueeze(0)                                         // [1, 1, Tq, Tk]
            : visible.unsqueeze(0).logical_and(keyMask.unsqueeze(1)).unsqueeze(1);     // [B, 1, Tq, Tk]
        return zeros(allowed.shape, dtype, device).masked_fill_(allowed.logical_not(), MaskedScore);
    }

    /// <summary>[Tq, Tk] float: query position minus key position.</summary>
    public static Tensor BuildDistances(long past, long queries, ScalarType dtype, Device device)
    {
        var queryPositions = arange(past, past + queries, dtype: dtype, device: device).unsqueeze(1);
        var keyPositions = arange(0, past + queries, dtype: dtype, device: device).unsqueeze(0);
        return queryPositions - keyPositions;
    }
}
