using System.Buffers.Binary;
using NotaGen.Audio.Wav;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Audio.Tests;

public class WavTests
{
    private static PcmAudio Ramp() =>
        new(44_100, 2, Enumerable.Range(0, 2000).Select(i => (short)((i * 37) % 65536 - 32768)).ToArray());

    [Fact]
    public void WrittenFilesReadBackSampleForSample()
    {
        var audio = Ramp();
        var back = WavReader.Read(WavWriter.ToBytes(audio), "ramp.wav");
        Assert.Equal(audio.SampleRate, back.SampleRate);
        Assert.Equal(audio.Channels, back.Channels);
        Assert.Equal(audio.Samples, back.Samples);
    }

    [Fact]
    public void TheHeaderIsCanonicalPcm()
    {
        var bytes = WavWriter.ToBytes(Ramp());
        // The canonical 44-byte header: RIFF size, PCM format 1, 2 channels, 44100 Hz, 176400 bytes/s, 4-byte frames, 16 bits.
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22)));
        Assert.Equal(44_100u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(176_400u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28)));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal(2000u * 2, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
    }

    [SkippableFact]
    public void SoxReadsTheFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ramp.wav");
        var audio = Ramp();
        WavWriter.WriteFile(audio, path);
        AudioChecks.SoxAgrees(path, audio);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp")); // the atomic write left no temporary file
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "byte 0")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, "no data chunk")]
    public void MalformedFilesAreRefusedNamingTheFile(byte[] bytes, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(bytes, "bad.wav"));
        Assert.StartsWith("bad.wav: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChunkLengthPastTheEndIsRefused()
    {
        var bytes = WavWriter.ToBytes(Ramp());
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 0x7FFFFFF0); // the fmt chunk's length
        var error = Assert.Throws<InvalidDataException>(() => WavReader.Read(bytes, "bad.wav"));
        Assert.Contains("byte 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MutatedFilesOnlyEverThrowInvalidDataException()
    {
        var random = new Random(20261124);
        var original = WavWriter.ToBytes(Ramp());
        int accepted = 0, rejected = 0;
        for (var m = 0; m < 2000; m++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(64); // the header and the start of the data: where the structure lives
            bytes[at] = (byte)random.Next(256);
            if (m % 3 == 0)
                bytes = bytes[..random.Next(bytes.Length)];
            try
            {
                WavReader.Read(bytes, "fuzz.wav");
                accepted++;
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }
        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }
}
