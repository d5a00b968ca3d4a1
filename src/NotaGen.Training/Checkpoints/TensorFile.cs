using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace NotaGen.Training.Checkpoints;

/// <summary>
/// Named tensors plus string metadata in the safetensors layout (8-byte little-endian header length, JSON header with
/// dtype / shape / data_offsets per tensor and a <c>__metadata__</c> map, then raw little-endian data), so checkpoints
/// open in Python too. Float32, int64 and uint8 tensors.
/// </summary>
// NotaGen.Modeling.Weights also reads and writes this layout, for float weights files only. Checkpoints need int64 and
// uint8 tensors (RNG states, positions) and a stream seam for crash tests, so they keep this class until that I/O grows
// both; merging the two is open work.
public static class TensorFile
{
    private const string MetadataKey = "__metadata__";

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject { [MetadataKey] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value)))) };
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, Tensor: t.Value.detach().cpu().contiguous())).ToList();
        try
        {
            long offset = 0;
            foreach (var (name, tensor) in ordered)
            {
                var size = tensor.NumberOfElements * tensor.ElementSize;
                header[name] = new JsonObject
                {
                    ["dtype"] = DtypeName(tensor.dtype, name),
                    ["shape"] = new JsonArray(tensor.shape.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                    ["data_offsets"] = new JsonArray(offset, offset + size),
                };
                offset += size;
            }
            var json = Encoding.UTF8.GetBytes(header.ToJsonString());
            // Pad the header with spaces to 8 bytes, as the safetensors specification recommends for aligned data.
            var padded = (json.Length + 7) / 8 * 8;
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var (_, tensor) in ordered)
                stream.Write(tensor.bytes);
        }
        finally
        {
            foreach (var (_, tensor) in ordered) tensor.Dispose();
        }
    }

    /// <summary>Reads a whole file: tensors on the CPU (caller disposes) and the metadata. Throws InvalidDataException.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw Bad(path, "shorter than a header");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8)) throw Bad(path, $"header length {headerLength} exceeds the file");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength))?.AsObject() ?? throw Bad(path, "empty header");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"unreadable header: {e.Message}");
        }
        var dataStart = 8 + (long)headerLength;
        var metadata = new Dictionary<string, string>();
        var tensors = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == MetadataKey)
                {
                    foreach (var (key, value) in node!.AsObject()) metadata[key] = value!.GetValue<string>();
                    continue;
                }
                var entry = node!.AsObject();
                var shape = entry["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var offsets = entry["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || dataStart + offsets[1] > bytes.Length)
                    throw Bad(path, $"tensor '{name}' lies outside the file");
                var dtype = DtypeOf(entry["dtype"]!.GetValue<string>(), path);
                var tensor = empty(shape, dtype).DetachFromDisposeScope();
                if (tensor.NumberOfElements * tensor.ElementSize != offsets[1] - offsets[0])
                    throw Bad(path, $"tensor '{name}' has {offsets[1] - offsets[0]} bytes for shape [{string.Join(", ", shape)}]");
                tensor.bytes = bytes.AsSpan((int)(dataStart + offsets[0]), (int)(offsets[1] - offsets[0]));
                tensors[name] = tensor;
            }
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw Bad(path, $"malformed header entry: {e.Message}");
        }
        return (tensors, metadata);
    }

    private static string DtypeName(ScalarType type, string name) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Int64 => "I64",
        ScalarType.Byte => "U8",
        _ => throw new NotSupportedException($"Tensor '{name}' has type {type}; checkpoints hold float32, int64 and uint8."),
    };

    private static ScalarType DtypeOf(string name, string path) => name switch
    {
        "F32" => ScalarType.Float32,
        "I64" => ScalarType.Int64,
        "U8" => ScalarType.Byte,
        _ => throw Bad(path, $"unsupported dtype '{name}'"),
    };

    private static InvalidDataException Bad(string path, string problem) => new($"{path}: not a readable checkpoint: {problem}");
}
