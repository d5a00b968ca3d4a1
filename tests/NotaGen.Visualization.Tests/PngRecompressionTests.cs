using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NotaGen.Testing;
using NotaGen.Visualization.Images;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class PngRecompressionTests
{
    private const int Width = 64, Height = 48;

    [Fact]
    public void Recompressing_keeps_every_pixel_and_makes_the_file_smaller()
    {
        var original = Png(splitIdat: true);
        var smaller = PngRecompression.Smallest(original);
        Assert.True(smaller.Length < original.Length, $"{smaller.Length} >= {original.Length}");
        Assert.Equal(Pixels(original), Pixels(smaller));
        Assert.Equal(["IHDR", "tEXt", "IDAT", "IEND"], ChunkTypes(smaller));
    }

    [SkippableFact]
    public void Python_reads_the_recompressed_png_with_valid_checksums_and_the_same_pixels()
    {
        var python = ExternalTool.Require("python3", "python3");
        var original = Png(splitIdat: true);
        using var temp = new TempDirectory("notagen-png");
        File.WriteAllBytes(temp.File("a.png"), original);
        File.WriteAllBytes(temp.File("b.png"), PngRecompression.Smallest(original));
        // zlib's own crc32 and inflate, not ours: every chunk's CRC checks and both decode to the same bytes.
        const string script = """
            import struct, sys, zlib
            def read(path):
                data = open(path, 'rb').read(); pos = 8; idat = b''
                while pos < len(data):
                    n, = struct.unpack('>I', data[pos:pos+4]); kind = data[pos+4:pos+8]; body = data[pos+8:pos+8+n]
                    crc, = struct.unpack('>I', data[pos+8+n:pos+12+n])
                    assert zlib.crc32(kind + body) == crc, (path, kind)
                    if kind == b'IDAT': idat += body
                    pos += 12 + n
                return zlib.decompress(idat)
            assert read(sys.argv[1]) == read(sys.argv[2])
            print('same')
            """;
        var result = ExternalTool.Run(python, ["-c", script, temp.File("a.png"), temp.File("b.png")], temp.Path, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("same", result.StandardOutput.Trim());
    }

    [Fact]
    public void Bytes_that_are_not_a_png_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PngRecompression.Smallest(Encoding.ASCII.GetBytes("GIF89a...")));
        Assert.Contains("not a PNG", error.Message);
        var truncated = Png(splitIdat: false)[..40];
        Assert.Throws<InvalidDataException>(() => PngRecompression.Smallest(truncated));
    }

    /// <summary>An RGBA gradient with a text chunk, deflated at zlib's fastest setting, as a browser's canvas writes it.</summary>
    private static byte[] Png(bool splitIdat)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < Height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < Width; x++)
                raw.Write([(byte)(x * 4), (byte)(y * 5), (byte)((x / 8 + y / 8) % 2 * 255), 255]);
        }
        var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(raw.ToArray());
        var idat = deflated.ToArray();
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8;
        header[9] = 6;
        Chunk(png, "IHDR", header);
        Chunk(png, "tEXt", Encoding.ASCII.GetBytes("Software\0test"));
        if (splitIdat)
        {
            Chunk(png, "IDAT", idat[..(idat.Length / 2)]);
            Chunk(png, "IDAT", idat[(idat.Length / 2)..]);
        }
        else
            Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typed));
        png.Write(word);
    }

    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }

    private static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (var pos = 8; pos < png.Length; pos += 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos)))
            types.Add(Encoding.ASCII.GetString(png, pos + 4, 4));
        return types;
    }

    private static byte[] Pixels(byte[] png)
    {
        var idat = new MemoryStream();
        for (var pos = 8; pos < png.Length; pos += 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos)))
            if (Encoding.ASCII.GetString(png, pos + 4, 4) == "IDAT")
                idat.Write(png, pos + 8, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos)));
        using var zlib = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress);
        var pixels = new MemoryStream();
        zlib.CopyTo(pixels);
        return pixels.ToArray();
    }
}
