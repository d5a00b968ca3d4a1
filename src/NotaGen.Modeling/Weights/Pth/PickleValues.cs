namespace NotaGen.Modeling.Weights.Pth;

// The values the restricted unpickler builds. Plain Python values map to .NET ones (str → string, int → long,
// float → double, bool → bool, None → null, list → List<object?>); the rest have a type of their own here.

/// <summary>A Python tuple.</summary>
public sealed record PickleTuple(IReadOnlyList<object?> Items);

/// <summary>A Python dict or OrderedDict, keys in insertion order.</summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> entries = [];

    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => entries;

    public void Set(object? key, object? value)
    {
        var index = entries.FindIndex(e => Equals(e.Key, key));
        if (index >= 0) entries[index] = new(key, value);
        else entries.Add(new(key, value));
    }

    public bool TryGet(string key, out object? value)
    {
        foreach (var entry in entries)
        {
            if (entry.Key is string name && name == key)
            {
                value = entry.Value;
                return true;
            }
        }
        value = null;
        return false;
    }
}

/// <summary>One of the few globals the unpickler accepts (what a state dict and optimizer state need).</summary>
public sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>
/// A storage named by a persistent id <c>('storage', torch.XStorage, key, location, numel)</c>: its bytes are the
/// archive entry <c>data/KEY</c>, read only when a tensor that uses it is read.
/// </summary>
public sealed record PthStorage(string Key, PthDType DType, string Location, long ElementCount);

/// <summary>
/// A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a view of a storage (element offset, shape,
/// strides in elements). Nothing is read when it is built.
/// </summary>
public sealed record PthTensor(PthStorage Storage, long Offset, long[] Shape, long[] Stride)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>True when the elements are one run of the storage in row-major order.</summary>
    public bool IsContiguous
    {
        get
        {
            long expected = 1;
            for (var d = Shape.Length - 1; d >= 0; d--)
            {
                if (Shape[d] != 1 && Stride[d] != expected) return false;
                expected *= Shape[d];
            }
            return true;
        }
    }
}
