using static TorchSharp.torch;

namespace NotaGen.Modeling.Caching;

/// <summary>
/// The key/value cache of one decoder (patch level or character level): one <see cref="LayerKeyValueCache"/> per
/// layer, plus, once a padded batch was fed, which cached positions are real and how many real positions each row has
/// (that count is the next position id, so left-padded rows continue with the right positions).
/// </summary>
public sealed class DecoderCache : IDisposable
{
    private readonly LayerKeyValueCache[] layers;
    private Tensor? keyMask;    // [B, Length] bool, null while no padding was ever fed
    private Tensor? realCounts; // [B] long, null while no padding was ever fed

    public DecoderCache(int layerCount, long initialCapacity)
    {
        layers = new LayerKeyValueCache[layerCount];
        for (var i = 0; i < layerCount; i++) layers[i] = new LayerKeyValueCache(initialCapacity);
    }

    /// <summary>Positions cached so far (including padding positions).</summary>
    public long Length { get; private set; }

    public LayerKeyValueCache Layer(int index) => layers[index];

    /// <summary>[B, Length] bool: real (true) or padding (false) key positions; null when there was no padding.</summary>
    public Tensor? KeyMask => keyMask;

    /// <summary>[B] long: real positions per row; null when there was no padding (then it is <see cref="Length"/>).</summary>
    public Tensor? RealCounts => realCounts;

    /// <summary>Records that <paramref name="added"/> positions were appended with the given padding mask (or none).</summary>
    internal void Advance(long added, Tensor? fullKeyMask, Tensor? newRealCounts)
    {
        Length += added;
        if (fullKeyMask is not null)
        {
            keyMask?.Dispose();
            keyMask = fullKeyMask.detach().DetachFromDisposeScope();
        }
        if (newRealCounts is not null)
        {
            realCounts?.Dispose();
            realCounts = newRealCounts.detach().DetachFromDisposeScope();
        }
    }

    public void Dispose()
    {
        foreach (var layer in layers) layer.Dispose();
        keyMask?.Dispose();
        realCounts?.Dispose();
        keyMask = realCounts = null;
        Length = 0;
    }
}
