using System.Buffers.Binary;
using System.IO.Compression;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// A PyTorch checkpoint in torch.save's zip format (<c>ARCHIVE/data.pkl</c> + <c>ARCHIVE/data/KEY</c> storages), opened
/// for its model state dict: a training checkpoint's <c>model</c> entry (<c>{'model', 'optimizer', 'lr_sched', ...}</c>,
/// as NotaGen's scripts save) or a bare state dict, with a DDP <c>module.</c> (or torch.compile <c>_orig_mod.</c>)
/// prefix removed. The pickle is read with <see cref="RestrictedUnpickler"/>; storages are read lazily, one tensor at
/// a time, so optimizer moments and the rest are never loaded.
/// </summary>
public sealed class PthCheckpoint : IDisposable
{
    private static readonly string[] WrapperPrefixes = ["module.", "_orig_mod."];

    private readonly ZipArchive archive;
    private readonly string root;

    private PthCheckpoint(string path, ZipArchive archive, string root, IReadOnlyList<KeyValuePair<string, PthTensor>> tensors,
        IReadOnlyList<string> otherEntries, string? strippedPrefix)
    {
        Path = path;
        this.archive = archive;
        this.root = root;
        Tensors = tensors;
        OtherEntries = otherEntries;
        StrippedPrefix = strippedPrefix;
    }

    public string Path { get; }

    /// <summary>The model's tensors in file order, under their names without a wrapper prefix.</summary>
    public IReadOnlyList<KeyValuePair<string, PthTensor>> Tensors { get; }

    /// <summary>Top-level entries beside <c>model</c> (optimizer, lr_sched, epoch, ...); empty for a bare state dict.</summary>
    public IReadOnlyList<string> OtherEntries { get; }

    /// <summary>The prefix removed from every key (<c>module.</c>), or null.</summary>
    public string? StrippedPrefix { get; }

    public bool IsBareStateDict => OtherEntries.Count == 0;

    public static PthCheckpoint Open(string path)
    {
        if (!File.Exists(path)) throw new WeightFileException(path, "the checkpoint does not exist");
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException error)
        {
            throw new WeightFileException(path,
                $"not a readable PyTorch zip checkpoint (truncated or corrupted, or torch < 1.6's legacy format): {error.Message}");
        }
        try
        {
            return Read(path, archive);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>A tensor's values as float32 in row-major order (float16 and bfloat16 widened exactly).</summary>
    public float[] ReadFloats(string name, PthTensor tensor)
    {
        var dtype = tensor.Storage.DType;
        if (!dtype.IsFloat) throw new WeightFileException(Path, $"tensor '{name}' is a {dtype.StorageClass}, not floating point");
        // The run of storage elements the view touches: all of it is read once, then gathered by strides.
        var count = tensor.ElementCount;
        var span = count == 0 ? 0 : 1 + tensor.Shape.Select((d, i) => (d - 1) * tensor.Stride[i]).Sum();
        var bytes = ReadStorageBytes(name, tensor.Storage, tensor.Offset * dtype.Size, span * dtype.Size);
        var values = new float[count];
        if (tensor.IsContiguous)
        {
            for (var i = 0; i < count; i++) values[i] = Decode(bytes, i, dtype);
            return values;
        }
        var index = new long[tensor.Shape.Length];
        for (var i = 0; i < count; i++)
        {
            long element = 0;
            for (var d = 0; d < index.Length; d++) element += index[d] * tensor.Stride[d];
            values[i] = Decode(bytes, element, dtype);
            for (var d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < tensor.Shape[d]) break;
                index[d] = 0;
            }
        }
        return values;
    }

    private static float Decode(byte[] bytes, long element, PthDType dtype)
    {
        var at = (int)(element * dtype.Size);
        return dtype.Size switch
        {
            8 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(at)),
            4 => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at)),
            // bfloat16 is the upper half of a float32.
            _ when dtype == PthDType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) << 16),
            _ => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(at)),
        };
    }

    private byte[] ReadStorageBytes(string name, PthStorage storage, long start, long length)
    {
        if (length > Array.MaxLength) throw new WeightFileException(Path, $"tensor '{name}' is larger than one array can hold");
        var entry = archive.GetEntry($"{root}/data/{storage.Key}")
            ?? throw new WeightFileException(Path, $"tensor '{name}': storage data/{storage.Key} is missing from the archive");
        var bytes = new byte[length];
        try
        {
            using var stream = entry.Open();
            if (stream.CanSeek) stream.Seek(start, SeekOrigin.Begin);
            else Skip(stream, start);
            stream.ReadExactly(bytes);
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new WeightFileException(Path, $"tensor '{name}': storage data/{storage.Key} cannot be read ({error.Message})");
        }
        return bytes;
    }

    private static void Skip(Stream stream, long count)
    {
        var buffer = new byte[Math.Min(count, 1 << 20)];
        while (count > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) throw new EndOfStreamException("the storage is shorter than the tensor needs");
            count -= read;
        }
    }

    private static PthCheckpoint Read(string path, ZipArchive archive)
    {
        var pickles = archive.Entries.Where(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal)
            && e.FullName.Count(c => c == '/') == 1).ToList();
        if (pickles.Count != 1)
            throw new WeightFileException(path, "not a PyTorch checkpoint: the zip has no single ARCHIVE/data.pkl (a TorchScript or other zip?)");
        var root = pickles[0].FullName[..^"/data.pkl".Length];
        byte[] pickle;
        try
        {
            using var stream = pickles[0].Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            pickle = buffer.ToArray();
        }
        catch (InvalidDataException error)
        {
            throw new WeightFileException(path, $"{root}/data.pkl cannot be read: {error.Message}");
        }

        var storages = new Dictionary<string, PthStorage>(StringComparer.Ordinal);
        PthStorage Storage(PthDType dtype, string key, string location, long count)
        {
            if (storages.TryGetValue(key, out var known))
            {
                if (known.DType != dtype)
                    throw new WeightFileException(path, $"storage {key} is used as {known.DType.StorageClass} and as {dtype.StorageClass}");
                return known;
            }
            var entry = archive.GetEntry($"{root}/data/{key}")
                ?? throw new WeightFileException(path, $"storage data/{key} is named in data.pkl but missing from the archive");
            if (entry.Length < count * dtype.Size)
                throw new WeightFileException(path, $"storage data/{key} holds {entry.Length} bytes, fewer than its {count} {dtype.StorageClass} elements need");
            return storages[key] = new PthStorage(key, dtype, location, count);
        }

        var top = RestrictedUnpickler.Load($"{path}: {root}/data.pkl", pickle, Storage);
        if (top is not PickleDict dict)
            throw new WeightFileException(path, "the checkpoint is not a dict (a whole pickled model? save its state_dict instead)");
        PickleDict stateDict;
        List<string> others = [];
        if (dict.TryGet("model", out var model))
        {
            stateDict = model as PickleDict ?? throw new WeightFileException(path, "the 'model' entry is not a state dict");
            others = dict.Entries.Select(e => e.Key?.ToString() ?? "None").Where(k => k != "model").ToList();
        }
        else if (dict.Entries.Count > 0 && dict.Entries.All(e => e.Value is PthTensor))
        {
            stateDict = dict;
        }
        else
        {
            var keys = string.Join(", ", dict.Entries.Take(6).Select(e => $"'{e.Key}'"));
            throw new WeightFileException(path, $"no 'model' entry and not a bare state dict of tensors (top-level keys: {keys})");
        }

        var tensors = new List<KeyValuePair<string, PthTensor>>();
        foreach (var (key, value) in stateDict.Entries)
        {
            if (key is not string name) throw new WeightFileException(path, $"state dict key {key} is not a string");
            if (value is not PthTensor tensor) throw new WeightFileException(path, $"state dict entry '{name}' is not a tensor");
            tensors.Add(new(name, tensor));
        }
        var prefix = WrapperPrefixes.FirstOrDefault(p => tensors.Count > 0 && tensors.All(t => t.Key.StartsWith(p, StringComparison.Ordinal)));
        if (prefix is not null) tensors = tensors.Select(t => new KeyValuePair<string, PthTensor>(t.Key[prefix.Length..], t.Value)).ToList();
        return new PthCheckpoint(path, archive, root, tensors, others, prefix);
    }

    public void Dispose() => archive.Dispose();
}
