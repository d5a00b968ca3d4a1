using static TorchSharp.torch;

namespace NotaGen.Modeling.Attention;

/// <summary>
/// Collects attention weights while a forward pass runs: one [B, heads, queries, keys] tensor per level and layer,
/// copied to the CPU and detached. Passing a capture makes attention take the explicit (weights-producing) path.
/// </summary>
public sealed class AttentionCapture : IDisposable
{
    private readonly Dictionary<(AttentionLevel, int), Tensor> maps = [];

    internal void Record(AttentionLevel level, int layer, Tensor weights)
    {
        var copy = weights.detach().cpu().clone().DetachFromDisposeScope();
        if (maps.Remove((level, layer), out var old)) old.Dispose();
        maps[(level, layer)] = copy;
    }

    /// <summary>Attention weights [B, heads, queries, keys] of a layer; rows sum to 1 over the visible keys.</summary>
    public Tensor this[AttentionLevel level, int layer] =>
        maps.TryGetValue((level, layer), out var map) ? map
            : throw new KeyNotFoundException($"No attention was captured for the {level} level, layer {layer}.");

    public int LayerCount(AttentionLevel level) => maps.Keys.Count(key => key.Item1 == level);

    public void Dispose()
    {
        foreach (var map in maps.Values) map.Dispose();
        maps.Clear();
    }
}
