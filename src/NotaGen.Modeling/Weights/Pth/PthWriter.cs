using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using NotaGen.Music.IO;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// Writes a checkpoint in torch.save's zip format (<c>ARCHIVE/data.pkl</c>, <c>ARCHIVE/data/KEY</c> float32 storages
/// stored uncompressed, <c>ARCHIVE/version</c>), atomically. The pickled value is a tree of Python values: null,
/// bool, int/long, double, string, <see cref="PickleTuple"/>, <c>List&lt;object?&gt;</c>, <see cref="PickleDict"/> (a
/// plain dict, keys in order), <see cref="StateDict"/> (an OrderedDict of named tensors) and <see cref="Tensor"/>
/// (a tensor with a storage of its own). A state-dict entry listed with <c>SameStorageAs</c> is written as a second
/// view of that entry's storage, as torch saves tied weights.
/// </summary>
public static class PthWriter
{
    public sealed record Entry(string Name, Tensor Tensor, string? SameStorageAs = null);

    /// <summary>A module's state dict: <c>OrderedDict(name → tensor)</c>.</summary>
    public sealed record StateDict(IReadOnlyList<Entry> Entries);

    /// <summary><c>{'model': OrderedDict(name → tensor)}</c>, what NotaGen's inference scripts load.</summary>
    public static void WriteModelCheckpoint(string path, IReadOnlyList<Entry> entries)
    {
        var root = new PickleDict();
        root.Set("model", new StateDict(entries));
        Write(path, root);
    }

    public static void Write(string path, object? root)
    {
        var archive = ArchiveName(path);
        var storages = new List<Tensor>();
        var pickle = new PickleWriter();
        WriteValue(pickle, root, storages);
        var data = pickle.Finish();

        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, $"{archive}/data.pkl", data);
            for (var key = 0; key < storages.Count; key++)
            {
                using var scope = NewDisposeScope();
                var values = storages[key].detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("torch storages are written little-endian");
                WriteEntry(zip, $"{archive}/data/{key.ToString(CultureInfo.InvariantCulture)}", MemoryMarshal.AsBytes(values.AsSpan()));
            }
            WriteEntry(zip, $"{archive}/version", "3\n"u8);
        });
    }

    private static void WriteValue(PickleWriter pickle, object? value, List<Tensor> storages)
    {
        switch (value)
        {
            case null: pickle.None(); break;
            case bool flag: pickle.Bool(flag); break;
            case int number: pickle.Int(number); break;
            case long number: pickle.Int(number); break;
            case double number: pickle.Float(number); break;
            case string text: pickle.String(text); break;
            case PickleTuple tuple:
                if (tuple.Items.Count == 0)
                {
                    pickle.EmptyTuple();
                    break;
                }
                pickle.Mark();
                foreach (var item in tuple.Items) WriteValue(pickle, item, storages);
                pickle.Tuple();
                break;
            case List<object?> list:
                pickle.EmptyList();
                if (list.Count == 0) break;
                pickle.Mark();
                foreach (var item in list) WriteValue(pickle, item, storages);
                pickle.Appends();
                break;
            case PickleDict dict:
                pickle.EmptyDict();
                if (dict.Entries.Count == 0) break;
                pickle.Mark();
                foreach (var (key, item) in dict.Entries)
                {
                    WriteValue(pickle, key, storages);
                    WriteValue(pickle, item, storages);
                }
                pickle.SetItems();
                break;
            case StateDict stateDict: WriteStateDict(pickle, stateDict, storages); break;
            case Tensor tensor: WriteTensor(pickle, tensor, NewStorage(storages, tensor), tensor.numel()); break;
            default: throw new ArgumentException($"a {value.GetType().Name} cannot be written into a PyTorch checkpoint");
        }
    }

    private static void WriteStateDict(PickleWriter pickle, StateDict stateDict, List<Tensor> storages)
    {
        var keys = new Dictionary<string, (int Key, long Count)>(StringComparer.Ordinal);
        foreach (var entry in stateDict.Entries.Where(e => e.SameStorageAs is null))
            keys[entry.Name] = (NewStorage(storages, entry.Tensor), entry.Tensor.numel());
        pickle.Global("collections", "OrderedDict");
        pickle.EmptyTuple();
        pickle.Reduce();
        if (stateDict.Entries.Count == 0) return;
        pickle.Mark();
        foreach (var entry in stateDict.Entries)
        {
            var (key, count) = keys[entry.SameStorageAs ?? entry.Name];
            pickle.String(entry.Name);
            WriteTensor(pickle, entry.Tensor, key, count);
        }
        pickle.SetItems();
    }

    private static int NewStorage(List<Tensor> storages, Tensor tensor)
    {
        storages.Add(tensor);
        return storages.Count - 1;
    }

    // torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks)
    private static void WriteTensor(PickleWriter pickle, Tensor tensor, int key, long storageElements)
    {
        pickle.Global("torch._utils", "_rebuild_tensor_v2");
        pickle.Mark();
        pickle.Mark();                                  // the persistent id ('storage', type, key, location, numel)
        pickle.String("storage");
        pickle.Global("torch", "FloatStorage");
        pickle.String(key.ToString(CultureInfo.InvariantCulture));
        pickle.String("cpu");
        pickle.Int(storageElements);
        pickle.Tuple();
        pickle.PersistentId();
        pickle.Int(0);                                  // storage offset
        pickle.IntTuple(tensor.shape);
        pickle.IntTuple(RowMajorStrides(tensor.shape));
        pickle.Bool(false);                             // requires_grad
        pickle.Global("collections", "OrderedDict");    // backward hooks: empty
        pickle.EmptyTuple();
        pickle.Reduce();
        pickle.Tuple();
        pickle.Reduce();
    }

    private static void WriteEntry(ZipArchive zip, string name, ReadOnlySpan<byte> bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static long[] RowMajorStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    // torch.save names the archive folder after the file; any name works for torch.load.
    private static string ArchiveName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var name = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        return name.Length == 0 ? "archive" : name;
    }
}
