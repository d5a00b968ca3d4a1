using System.Buffers.Binary;

namespace NotaGen.Music.Midi;

/// <summary>
/// Reads Standard MIDI Files, format 0 and 1, metrical time base. Chunk and event lengths are checked against the
/// bytes actually present before anything is allocated, so a hostile length cannot make the reader allocate or
/// loop without bound. System-exclusive messages are skipped; unknown chunk types are skipped as the standard asks.
/// </summary>
public sealed class SmfReader : IMidiFileReader
{
    /// <summary>Larger inputs are refused rather than buffered: real scores are a few hundred kilobytes.</summary>
    public const int MaxFileBytes = 64 << 20;

    /// <param name="cancel">Checked as the bytes are read and for every event parsed: a read given up on (folder
    /// mode's per-file time limit) stops with <see cref="OperationCanceledException"/>.</param>
    public static MidiFile ReadFile(string path, CancellationToken cancel = default)
    {
        using var stream = File.OpenRead(path);
        return Parse(ReadBounded(stream, path, cancel), path, cancel);
    }

    public MidiFile Read(Stream stream, string fileName) => Parse(ReadBounded(stream, fileName, default), fileName);

    /// <param name="cancel">Checked for every event parsed.</param>
    public static MidiFile Parse(ReadOnlySpan<byte> data, string fileName, CancellationToken cancel = default)
    {
        if (data.Length < 8 || !data[..4].SequenceEqual("MThd"u8))
            throw Error(fileName, "header", 0, "not a Standard MIDI File (it does not start with an 'MThd' chunk)");
        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (headerLength < 6)
            throw Error(fileName, "header", 4, $"header chunk length {headerLength} is shorter than the 6 bytes it must hold");
        if (headerLength > (uint)(data.Length - 8))
            throw Error(fileName, "header", 4, $"header chunk length {headerLength} runs past the end of the file ({data.Length} bytes)");

        var format = BinaryPrimitives.ReadUInt16BigEndian(data[8..]);
        var trackCount = BinaryPrimitives.ReadUInt16BigEndian(data[10..]);
        var division = BinaryPrimitives.ReadUInt16BigEndian(data[12..]);
        if (format > 1)
            throw Error(fileName, "header", 8, $"MIDI file format {format} is not supported (only 0 and 1)");
        if ((division & 0x8000) != 0)
            throw Error(fileName, "header", 12, "SMPTE time division is not supported (only ticks per quarter note)");
        if (division == 0)
            throw Error(fileName, "header", 12, "the time division is 0 ticks per quarter note");

        var tracks = new List<MidiTrack>(Math.Min((int)trackCount, 1024));
        var position = 8 + (int)headerLength;
        while (tracks.Count < trackCount)
        {
            cancel.ThrowIfCancellationRequested();
            var trackNumber = tracks.Count + 1;
            if (data.Length - position < 8)
            {
                throw Error(fileName, $"track {trackNumber}", position,
                    $"the file ends before track {trackNumber} of the {trackCount} its header announces");
            }
            var id = data.Slice(position, 4);
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[(position + 4)..]);
            var isTrack = id.SequenceEqual("MTrk"u8);
            if (!isTrack && !IsChunkId(id))
                throw Error(fileName, $"track {trackNumber}", position, "bad chunk header (expected 'MTrk')");
            if (length > (uint)(data.Length - position - 8))
            {
                throw Error(fileName, $"track {trackNumber}", position + 4,
                    $"chunk length {length} runs past the end of the file ({data.Length - position - 8} bytes left)");
            }
            var body = data.Slice(position + 8, (int)length);
            if (isTrack)
                tracks.Add(new SmfTrackParser(fileName, trackNumber, position + 8, cancel).Parse(body));
            position += 8 + (int)length;
        }
        return new MidiFile(format, division, tracks);
    }

    internal static MusicFormatException Error(string fileName, string where, int offset, string problem) =>
        new(fileName, $"{where}, byte {offset}", problem);

    private static bool IsChunkId(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
        {
            if (b is < 0x20 or > 0x7E)
                return false;
        }
        return true;
    }

    private static byte[] ReadBounded(Stream stream, string fileName, CancellationToken cancel)
    {
        if (stream.CanSeek && stream.Length - stream.Position > MaxFileBytes)
            throw Error(fileName, "header", 0, $"the file is larger than {MaxFileBytes >> 20} MiB; refusing to read it as MIDI");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            if (buffer.Length + read > MaxFileBytes)
                throw Error(fileName, "header", 0, $"the file is larger than {MaxFileBytes >> 20} MiB; refusing to read it as MIDI");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
