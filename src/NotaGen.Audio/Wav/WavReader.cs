using System.Buffers.Binary;

namespace NotaGen.Audio.Wav;

/// <summary>
/// Reads 16-bit PCM WAV files (plain or WAVE_FORMAT_EXTENSIBLE, as FluidSynth writes), skipping chunks it does not
/// need. Malformed files raise <see cref="InvalidDataException"/> naming the file and byte offset.
/// </summary>
public static class WavReader
{
    public static PcmAudio ReadFile(string path) => Read(File.ReadAllBytes(path), path);

    public static PcmAudio Read(ReadOnlySpan<byte> data, string fileName)
    {
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data[8..12].SequenceEqual("WAVE"u8))
            throw Error(fileName, 0, "not a RIFF/WAVE file");
        int? channels = null, sampleRate = null;
        var position = 12;
        while (position + 8 <= data.Length)
        {
            var id = data.Slice(position, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            var body = position + 8;
            // A streamed file may leave the data length at its maximum; the data then runs to the end of the file.
            var available = (uint)(data.Length - body);
            if (length > available && !id.SequenceEqual("data"u8))
                throw Error(fileName, position + 4, $"chunk length {length} runs past the end of the file");
            var chunk = data.Slice(body, (int)Math.Min(length, available));
            if (id.SequenceEqual("fmt "u8))
            {
                if (chunk.Length < 16)
                    throw Error(fileName, body, "format chunk shorter than 16 bytes");
                var format = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
                var isPcm = format == 1 || (format == 0xFFFE && chunk.Length >= 26 && BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]) == 1);
                if (!isPcm || bits != 16)
                    throw Error(fileName, body, $"only 16-bit PCM is read (format 0x{format:X4}, {bits} bits)");
                channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
                sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
                if (channels == 0 || sampleRate <= 0)
                    throw Error(fileName, body, $"{channels} channels at {sampleRate} Hz");
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels is null || sampleRate is null)
                    throw Error(fileName, position, "data chunk before the format chunk");
                var frames = chunk.Length / (2 * channels.Value);
                var samples = new short[frames * channels.Value];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(chunk[(i * 2)..]);
                return new PcmAudio(sampleRate.Value, channels.Value, samples);
            }
            position = body + (int)Math.Min(length + (length & 1), available); // chunks are padded to even length
        }
        throw Error(fileName, position, "no data chunk");
    }

    private static InvalidDataException Error(string fileName, int offset, string problem) =>
        new($"{fileName}: byte {offset}: {problem}");
}
