using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights;

/// <summary>
/// Reads the safetensors format (8-byte little-endian header length, JSON header of
/// <c>{name: {dtype, shape, data_offsets}}</c> and a <c>__metadata__</c> map, raw little-endian data): model weights
/// (F32, F64, F16 and BF16, read as float32 by <see cref="ReadFloats"/>) and training checkpoints (F32, I64 and U8
/// tensors as stored, by <see cref="ReadTensor"/>). Every inconsistency is a <see cref="WeightFileException"/> naming
/// the tensor.
/// </summary>
public sealed class SafeTensorsReader : IDisposable
{
    /// <summary>Headers beyond this size are treated as corruption rather than allocated.</summary>
    private const long MaxHeaderBytes = 100 * 1024 * 1024;

    private readonly FileStream stream;
    private readonly long dataStart;

    private SafeTensorsReader(string path, FileStream stream, long dataStart, Dictionary<string, SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        this.stream = stream;
        this.dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, SafeTensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafeTensorsReader Open(string path)
    {
        if (!File.Exists(path)) throw new WeightFileException(path, "the weight file does not exist");
        var stream = File.OpenRead(path);
        try
        {
            return Parse(path, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The tensor's values as float32, row-major.</summary>
    public float[] ReadFloats(SafeTensorsEntry entry)
    {
        if (entry.End - entry.Begin > Array.MaxLength)
            throw new WeightFileException(Path, $"tensor '{entry.Name}' {SafeTensorsEntry.FormatShape(entry.Shape)} is {entry.End - entry.Begin} bytes, more than one array holds");
        var bytes = new byte[entry.End - entry.Begin];
        stream.Position = dataStart + entry.Begin;
        stream.ReadExactly(bytes);
        var values = new float[entry.ElementCount];
        switch (entry.DType)
        {
            case "F32":
                for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i));
                break;
            case "F64":
                for (var i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * i));
                break;
            case "F16":
                for (var i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(2 * i));
                break;
            case "BF16":
                // bfloat16 is the upper half of a float32.
                for (var i = 0; i < values.Length; i++)
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2 * i)) << 16);
                break;
            default:
                throw new WeightFileException(Path, $"tensor '{entry.Name}' has unsupported dtype {entry.DType}");
        }
        return values;
    }

    /// <summary>
    /// The tensor as stored (its own element type), on the CPU, outside any dispose scope: the caller disposes it.
    /// Tensor memory is little-endian on every platform TorchSharp runs on, so the file's bytes are copied as they are.
    /// </summary>
    public Tensor ReadTensor(SafeTensorsEntry entry)
    {
        var type = entry.DType switch
        {
            "F32" => ScalarType.Float32,
            "F64" => ScalarType.Float64,
            "F16" => ScalarType.Float16,
            "BF16" => ScalarType.BFloat16,
            "I64" => ScalarType.Int64,
            "U8" => ScalarType.Byte,
            _ => throw new WeightFileException(Path, $"tensor '{entry.Name}' has unsupported dtype {entry.DType}"),
        };
        var bytes = new byte[entry.End - entry.Begin];
        stream.Position = dataStart + entry.Begin;
        stream.ReadExactly(bytes);
        var tensor = empty(entry.Shape, type).DetachFromDisposeScope();
        tensor.bytes = bytes;
        return tensor;
    }

    /// <summary>Every tensor of the file by name, as <see cref="ReadTensor"/> reads them; the caller disposes them.</summary>
    public Dictionary<string, Tensor> ReadTensors()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in Entries.Values) tensors[entry.Name] = ReadTensor(entry);
            return tensors;
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
    }

    private static SafeTensorsReader Parse(string path, FileStream stream)
    {
        var length = stream.Length;
        if (length < 8) throw new WeightFileException(path, $"truncated: {length} bytes, shorter than the 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes)
            throw new WeightFileException(path, $"corrupted: header length {headerLength} is not plausible");
        if (8 + headerLength > length)
            throw new WeightFileException(path, $"truncated: the header needs {headerLength} bytes but only {length - 8} follow");
        var header = new byte[headerLength];
        stream.ReadExactly(header);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException error)
        {
            throw new WeightFileException(path, $"corrupted: the header is not valid JSON ({error.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new WeightFileException(path, "corrupted: the header is not a JSON object");
            var dataLength = length - 8 - headerLength;
            var entries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind == JsonValueKind.Object)
                        foreach (var item in property.Value.EnumerateObject())
                            metadata[item.Name] = item.Value.ToString();
                    continue;
                }
                var entry = ParseEntry(path, property);
                if (entry.End > dataLength)
                    throw new WeightFileException(path,
                        $"truncated: tensor '{entry.Name}' {SafeTensorsEntry.FormatShape(entry.Shape)} ends at data byte {entry.End} but the file holds {dataLength} data bytes");
                entries[entry.Name] = entry;
            }
            RefuseOverlaps(path, entries.Values);
            return new SafeTensorsReader(path, stream, 8 + headerLength, entries, metadata);
        }
    }

    private static SafeTensorsEntry ParseEntry(string path, JsonProperty property)
    {
        var name = property.Name;
        try
        {
            var value = property.Value;
            var dtype = value.GetProperty("dtype").GetString() ?? "";
            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || shape.Any(d => d < 0))
                throw new WeightFileException(path, $"corrupted: tensor '{name}' has invalid shape or data offsets");
            var entry = new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
            var size = SafeTensorsEntry.ElementSize(dtype);
            if (size == 0) throw new WeightFileException(path, $"tensor '{name}' has unsupported dtype {dtype} (F32, F64, F16, BF16, I64 and U8 are read)");
            // A shape whose element count overflows could otherwise wrap around to match its byte range.
            if (shape.Aggregate(1.0, (a, d) => a * d) * size > long.MaxValue / 2)
                throw new WeightFileException(path, $"corrupted: tensor '{name}' {SafeTensorsEntry.FormatShape(shape)} has more elements than any file holds");
            if (entry.End - entry.Begin != entry.ElementCount * size)
                throw new WeightFileException(path,
                    $"corrupted: tensor '{name}' {SafeTensorsEntry.FormatShape(shape)} {dtype} needs {entry.ElementCount * size} bytes but its data offsets span {entry.End - entry.Begin}");
            return entry;
        }
        catch (Exception error) when (error is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new WeightFileException(path, $"corrupted: the header entry of tensor '{name}' lacks dtype, shape or data_offsets");
        }
    }

    /// <summary>Two tensors may not share bytes (the format lays them out one after another).</summary>
    private static void RefuseOverlaps(string path, IEnumerable<SafeTensorsEntry> entries)
    {
        SafeTensorsEntry? previous = null;
        foreach (var entry in entries.Where(e => e.End > e.Begin).OrderBy(e => e.Begin).ThenBy(e => e.Name, StringComparer.Ordinal))
        {
            if (previous is not null && entry.Begin < previous.End)
                throw new WeightFileException(path,
                    $"corrupted: tensors '{previous.Name}' (data bytes {previous.Begin}..{previous.End}) and '{entry.Name}' ({entry.Begin}..{entry.End}) overlap");
            previous = entry;
        }
    }

    public void Dispose() => stream.Dispose();
}
