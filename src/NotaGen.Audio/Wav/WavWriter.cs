using System.Buffers.Binary;
using NotaGen.Music.IO;

namespace NotaGen.Audio.Wav;

/// <summary>Writes RIFF/WAVE files with a PCM 16-bit format chunk, the form every player and browser accepts.</summary>
public static class WavWriter
{
    private const int HeaderBytes = 44;

    public static void WriteFile(PcmAudio audio, string path) => AtomicFile.Write(path, stream => Write(audio, stream));

    public static byte[] ToBytes(PcmAudio audio)
    {
        using var stream = new MemoryStream(HeaderBytes + audio.Samples.Length * 2);
        Write(audio, stream);
        return stream.ToArray();
    }

    public static void Write(PcmAudio audio, Stream stream)
    {
        var dataBytes = (long)audio.Samples.Length * 2;
        if (dataBytes > uint.MaxValue - HeaderBytes)
            throw new ArgumentException("The audio is longer than a WAV file can hold (4 GiB).", nameof(audio));

        Span<byte> header = stackalloc byte[HeaderBytes];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)audio.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(audio.SampleRate * audio.Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(audio.Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
        stream.Write(header);

        var buffer = new byte[64 * 1024];
        var offset = 0;
        while (offset < audio.Samples.Length)
        {
            var count = Math.Min(buffer.Length / 2, audio.Samples.Length - offset);
            for (var i = 0; i < count; i++)
                BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(i * 2), audio.Samples[offset + i]);
            stream.Write(buffer, 0, count * 2);
            offset += count;
        }
    }
}
