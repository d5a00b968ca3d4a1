using static TorchSharp.torch;

namespace NotaGen.Modeling.Caching;

/// <summary>
/// Keys and values of one attention layer for the positions decoded so far, in buffers that grow by doubling so a
/// step writes only its new entries (no O(T) concatenation per step). For inference: use under <c>no_grad</c>.
/// </summary>
public sealed class LayerKeyValueCache : IDisposable
{
    private Tensor? keys;   // [B, heads, capacity, head size]
    private Tensor? values; // [B, heads, capacity, head size]
    private readonly long initialCapacity;

    public LayerKeyValueCache(long initialCapacity) => this.initialCapacity = Math.Max(1, initialCapacity);

    public long Length { get; private set; }

    /// <summary>Appends k, v [B, heads, T, d] and returns views of all keys and values so far [B, heads, Length, d].</summary>
    public (Tensor Keys, Tensor Values) Append(Tensor k, Tensor v)
    {
        var added = k.shape[2];
        Reserve(k, Length + added);
        keys!.narrow(2, Length, added).copy_(k);
        values!.narrow(2, Length, added).copy_(v);
        Length += added;
        return (keys.narrow(2, 0, Length), values.narrow(2, 0, Length));
    }

    /// <summary>Views of every key and value cached so far, [B, heads, Length, d] each (for copying a cache elsewhere).</summary>
    public (Tensor Keys, Tensor Values) Contents() =>
        keys is null ? throw new InvalidOperationException("the cache is empty") : (keys.narrow(2, 0, Length), values!.narrow(2, 0, Length));

    private void Reserve(Tensor like, long needed)
    {
        if (keys is not null && keys.shape[2] >= needed) return;
        var capacity = Math.Max(needed, keys is null ? initialCapacity : keys.shape[2] * 2);
        var shape = new[] { like.shape[0], like.shape[1], capacity, like.shape[3] };
        var newKeys = zeros(shape, like.dtype, like.device).DetachFromDisposeScope();
        var newValues = zeros(shape, like.dtype, like.device).DetachFromDisposeScope();
        if (keys is not null && Length > 0)
        {
            newKeys.narrow(2, 0, Length).copy_(keys.narrow(2, 0, Length));
            newValues.narrow(2, 0, Length).copy_(values!.narrow(2, 0, Length));
        }
        keys?.Dispose();
        values?.Dispose();
        (keys, values) = (newKeys, newValues);
    }

    public void Dispose()
    {
        keys?.Dispose();
        values?.Dispose();
        keys = values = null;
        Length = 0;
    }
}
