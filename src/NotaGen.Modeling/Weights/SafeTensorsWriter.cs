using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using NotaGen.Music.IO;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights;

/// <summary>
/// Writes tensors as float32 safetensors, atomically (a temporary file renamed over the target), so readers never see
/// half a file.
/// </summary>
public static class SafeTensorsWriter
{
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var items = tensors.ToList();
        var header = Header(items, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(prefix, header.Length);
            stream.Write(prefix);
            stream.Write(header);
            foreach (var (_, tensor) in items)
            {
                using var scope = NewDisposeScope();
                var values = tensor.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                if (!BitConverter.IsLittleEndian)
                    for (var i = 0; i < values.Length; i++)
                        values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(values[i])));
                stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            }
        });
    }

    // JSON header padded with spaces to a multiple of 8 bytes, as the format recommends.
    private static byte[] Header(List<(string Name, Tensor Tensor)> items, IReadOnlyDictionary<string, string>? metadata)
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
            foreach (var (name, tensor) in items)
            {
                var bytes = tensor.numel() * 4;
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var dimension in tensor.shape) json.WriteNumberValue(dimension);
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
}
