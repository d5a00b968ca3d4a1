using System.IO.Compression;
using System.Runtime.InteropServices;
using NotaGen.Music.IO;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// Writes <c>{'model': OrderedDict(name → tensor)}</c> in torch.save's zip format (<c>ARCHIVE/data.pkl</c>,
/// <c>ARCHIVE/data/KEY</c> float32 storages stored uncompressed, <c>ARCHIVE/version</c>), atomically. A tensor listed
/// with <c>SameStorageAs</c> is written as a second view of that tensor's storage, as torch saves tied weights.
/// </summary>
public static class PthWriter
{
    public sealed record Entry(string Name, Tensor Tensor, string? SameStorageAs = null);

    public static void WriteModelCheckpoint(string path, IReadOnlyList<Entry> entries)
    {
        var archive = ArchiveName(path);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.SameStorageAs is null)) keys[entry.Name] = keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var pickle = new PickleWriter();
        pickle.EmptyDict();
        pickle.Mark();
        pickle.String("model");
        pickle.Global("collections", "OrderedDict");
        pickle.EmptyTuple();
        pickle.Reduce();
        pickle.Mark();
        foreach (var entry in entries)
        {
            var key = keys[entry.SameStorageAs ?? entry.Name];
            var owner = entries.First(e => e.Name == (entry.SameStorageAs ?? entry.Name)).Tensor;
            pickle.String(entry.Name);
            pickle.Global("torch._utils", "_rebuild_tensor_v2");
            pickle.Mark();
            pickle.Mark();                                  // the persistent id ('storage', type, key, location, numel)
            pickle.String("storage");
            pickle.Global("torch", "FloatStorage");
            pickle.String(key);
            pickle.String("cpu");
            pickle.Int(owner.numel());
            pickle.Tuple();
            pickle.PersistentId();
            pickle.Int(0);                                  // storage offset
            pickle.IntTuple(entry.Tensor.shape);
            pickle.IntTuple(RowMajorStrides(entry.Tensor.shape));
            pickle.Bool(false);                             // requires_grad
            pickle.Global("collections", "OrderedDict");    // backward hooks: empty
            pickle.EmptyTuple();
            pickle.Reduce();
            pickle.Tuple();
            pickle.Reduce();
        }
        pickle.SetItems();                                  // the OrderedDict's items
        pickle.SetItems();                                  // {'model': ...}
        var data = pickle.Finish();

        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteEntry(zip, $"{archive}/data.pkl", data);
            foreach (var entry in entries.Where(e => e.SameStorageAs is null))
            {
                using var scope = NewDisposeScope();
                var values = entry.Tensor.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("torch storages are written little-endian");
                WriteEntry(zip, $"{archive}/data/{keys[entry.Name]}", MemoryMarshal.AsBytes(values.AsSpan()));
            }
            WriteEntry(zip, $"{archive}/version", "3\n"u8);
        });
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
