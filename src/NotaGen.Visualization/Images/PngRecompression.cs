using System.Buffers.Binary;
using System.IO.Compression;

namespace NotaGen.Visualization.Images;

/// <summary>
/// A PNG's image data deflated again at zlib's smallest setting, pixels and every other chunk unchanged: the PNG that
/// Chromium's canvas writes is compressed for speed, and this makes a chart's image about a quarter smaller, which is
/// a notebook's size when every chart and score carries one.
/// </summary>
public static class PngRecompression
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The smaller of the PNG as given and the PNG with its IDAT data deflated again.</summary>
    public static byte[] Smallest(byte[] png)
    {
        if (!png.AsSpan().StartsWith(Signature))
            throw new ArgumentException("not a PNG (no PNG signature)", nameof(png));
        var chunks = Chunks(png);
        var data = new MemoryStream();
        foreach (var (type, start, length) in chunks.Where(c => c.Type == "IDAT"))
            data.Write(png, start, length);
        byte[] pixels;
        using (var inflate = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress))
        {
            var raw = new MemoryStream();
            inflate.CopyTo(raw);
            pixels = raw.ToArray();
        }
        var deflated = new MemoryStream();
        using (var deflate = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(pixels);

        var output = new MemoryStream();
        output.Write(Signature);
        var written = false;
        foreach (var (type, start, length) in chunks)
        {
            if (type != "IDAT")
                output.Write(png, start - 8, length + 12);
            else if (!written)
            {
                WriteChunk(output, "IDAT"u8, deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
                written = true;
            }
        }
        return output.Length < png.Length ? output.ToArray() : png;
    }

    /// <summary>Each chunk's type, and where its data starts and how long it is.</summary>
    private static List<(string Type, int Start, int Length)> Chunks(byte[] png)
    {
        var chunks = new List<(string, int, int)>();
        var position = Signature.Length;
        while (position + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            if (length < 0 || position + 12 + length > png.Length)
                throw new InvalidDataException($"PNG chunk at byte {position} runs past the end of the file");
            var type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            chunks.Add((type, position + 8, length));
            position += 12 + length;
            if (type == "IEND")
                break;
        }
        if (!chunks.Any(c => c.Item1 == "IDAT"))
            throw new InvalidDataException("PNG without image data (no IDAT chunk)");
        return chunks;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309, as zlib's crc32).</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = [.. Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            return c;
        })];

        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }
    }
}
