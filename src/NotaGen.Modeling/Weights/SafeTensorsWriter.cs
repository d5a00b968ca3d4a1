using System.Buffers.Binary;
using System.Text.Json;
using NotaGen.Music.IO;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights;

/// <summary>
/// Writes the safetensors format: model weights as float32 to a path, atomically (a temporary file renamed over the
/// target, so readers never see half a file), and training checkpoints' F32, I64 and U8 tensors as they are to a
/// stream the caller makes atomic.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>The tensors converted to float32, written atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var items = tensors.ToList();
        AtomicFile.Write(path, stream => Write(stream, items, metadata, ScalarType.Float32));
    }

    /// <summary>A float32 tensor whose values are read only when its turn to be written comes.</summary>
    public sealed record StreamedTensor(string Name, long[] Shape, Func<float[]> Read);

    /// <summary>
    /// Float32 tensors written atomically one at a time, each read just before it is written and dropped after, so
    /// writing a large model never holds more than one tensor's values (an import of several GB).
    /// </summary>
    public static void Write(string path, IReadOnlyList<StreamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = Header(tensors.Select(t => (t.Name, "F32", t.Shape)).ToList(), metadata);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian");
        AtomicFile.Write(path, stream =>
        {
            WritePrefix(stream, header);
            foreach (var tensor in tensors)
            {
                var values = tensor.Read();
                var expected = tensor.Shape.Aggregate(1L, (a, b) => a * b);
                if (values.LongLength != expected)
                    throw new InvalidOperationException($"tensor '{tensor.Name}' gave {values.LongLength} values for shape {SafeTensorsEntry.FormatShape(tensor.Shape)}");
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }
        });
    }

    /// <summary>
    /// The tensors in the given order, each stored as <paramref name="storeAs"/> or, when that is null, as its own
    /// element type (F32, F64, F16, BF16, I64 or U8).
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata,
        ScalarType? storeAs = null)
    {
        var header = Header(tensors.Select(t => (t.Name, DTypeName(storeAs ?? t.Tensor.dtype, t.Name), t.Tensor.shape)).ToList(), metadata);
        WritePrefix(stream, header);
        foreach (var (_, tensor) in tensors)
        {
            using var scope = NewDisposeScope();
            var stored = tensor.detach();
            if (storeAs is { } type) stored = stored.to(type);
            // Tensor memory is little-endian on every platform TorchSharp runs on, as the format wants.
            stream.Write(stored.cpu().contiguous().bytes);
        }
    }

    private static void WritePrefix(Stream stream, byte[] header)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, header.Length);
        stream.Write(prefix);
        stream.Write(header);
    }

    // JSON header padded with spaces to a multiple of 8 bytes, as the format recommends.
    private static byte[] Header(IReadOnlyList<(string Name, string DType, long[] Shape)> items, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, dtype, shape) in items)
            {
                var bytes = shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsEntry.ElementSize(dtype);
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (var dimension in shape) json.WriteNumberValue(dimension);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        var header = buffer.ToArray();
        var padded = new byte[(header.Length + 7) / 8 * 8];
        header.CopyTo(padded, 0);
        padded.AsSpan(header.Length).Fill((byte)' ');
        return padded;
    }

    private static string DTypeName(ScalarType type, string name) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Byte => "U8",
        _ => throw new NotSupportedException($"Tensor '{name}' has type {type}; safetensors files here hold F32, F64, F16, BF16, I64 and U8."),
    };
}
