using System.Text;

namespace NotaGen.Music.Midi;

/// <summary>
/// Parses the events of one MTrk chunk; every error names the track and the absolute byte offset in the file.
/// <paramref name="cancel"/> is checked for every event: a track of millions of events is given up on promptly.
/// </summary>
internal sealed class SmfTrackParser(string fileName, int trackNumber, int chunkOffset, CancellationToken cancel = default)
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    public MidiTrack Parse(ReadOnlySpan<byte> body)
    {
        var events = new List<MidiEvent>();
        var position = 0;
        long tick = 0;
        int? runningStatus = null;
        while (position < body.Length)
        {
            cancel.ThrowIfCancellationRequested();
            tick += ReadQuantity(body, ref position, "a delta time");
            if (position >= body.Length)
                throw Error(position, "the track ends after a delta time, before its event");

            var eventStart = position;
            int status = body[position];
            if (status >= 0x80)
            {
                position++;
            }
            else
            {
                status = runningStatus ?? throw Error(position,
                    $"data byte 0x{body[position]:X2} in running status, but no status byte came before it");
            }

            if (status < 0xF0)
            {
                // Only channel messages set running status; meta and sysex leave it as it was (as mido and most
                // readers do), since real files rely on that.
                runningStatus = status;
                events.Add(ReadChannelEvent(body, ref position, tick, status, eventStart));
            }
            else if (status == 0xFF)
            {
                if (position >= body.Length)
                    throw Error(eventStart, "the track ends inside a meta event");
                var type = body[position++];
                var length = ReadQuantity(body, ref position, "a meta event length");
                var data = TakeBytes(body, ref position, length, "meta event", eventStart);
                if (type == 0x2F)
                    return new MidiTrack(events, tick);
                events.Add(ReadMetaEvent(type, data, tick, eventStart));
            }
            else if (status is 0xF0 or 0xF7)
            {
                var length = ReadQuantity(body, ref position, "a system-exclusive length");
                TakeBytes(body, ref position, length, "system-exclusive message", eventStart);
            }
            else
            {
                throw Error(eventStart, $"status byte 0x{status:X2} (a real-time or system-common message) cannot appear in a MIDI file");
            }
        }
        // Missing End of Track: common in the wild and harmless; the track ends with its last event.
        return new MidiTrack(events, tick);
    }

    private MidiEvent ReadChannelEvent(ReadOnlySpan<byte> body, ref int position, long tick, int status, int eventStart)
    {
        var channel = status & 0x0F;
        var kind = status & 0xF0;
        var first = ReadDataByte(body, ref position, eventStart);
        if (kind is 0xC0 or 0xD0)
        {
            return kind == 0xC0
                ? new ProgramChangeEvent(tick, channel, first)
                : new ChannelPressureEvent(tick, channel, first);
        }
        var second = ReadDataByte(body, ref position, eventStart);
        return kind switch
        {
            0x80 => new NoteOffEvent(tick, channel, first, second),
            0x90 when second == 0 => new NoteOffEvent(tick, channel, first, 0),
            0x90 => new NoteOnEvent(tick, channel, first, second),
            0xA0 => new PolyPressureEvent(tick, channel, first, second),
            0xB0 => new ControlChangeEvent(tick, channel, first, second),
            _ => new PitchBendEvent(tick, channel, first | (second << 7)),
        };
    }

    private MidiEvent ReadMetaEvent(int type, ReadOnlySpan<byte> data, long tick, int eventStart)
    {
        switch (type)
        {
            case 0x51:
                if (data.Length != 3)
                    throw Error(eventStart, $"tempo meta event has {data.Length} data bytes instead of 3");
                var microseconds = (data[0] << 16) | (data[1] << 8) | data[2];
                if (microseconds < MidiLimits.MinMicrosecondsPerQuarter)
                    throw Error(eventStart, $"absurd tempo of {microseconds} microseconds per quarter note");
                return new SetTempoEvent(tick, microseconds);
            case 0x58:
                if (data.Length != 4)
                    throw Error(eventStart, $"time signature meta event has {data.Length} data bytes instead of 4");
                if (data[0] == 0 || data[1] > MidiLimits.MaxDenominatorPower)
                    throw Error(eventStart, $"absurd time signature {data[0]}/2^{data[1]}");
                return new TimeSignatureEvent(tick, data[0], 1 << data[1], data[2], data[3]);
            case 0x59:
                if (data.Length != 2)
                    throw Error(eventStart, $"key signature meta event has {data.Length} data bytes instead of 2");
                var fifths = (sbyte)data[0];
                if (fifths is < -7 or > 7 || data[1] > 1)
                    throw Error(eventStart, $"absurd key signature ({fifths} fifths, mode {data[1]})");
                return new KeySignatureEvent(tick, fifths, data[1] == 1);
            case 0x03:
                return new TrackNameEvent(tick, DecodeText(data));
            default:
                return new MetaEvent(tick, type, data.ToArray());
        }
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (what the writer produces), Latin-1 otherwise (older files).</summary>
    internal static string DecodeText(ReadOnlySpan<byte> data)
    {
        try
        {
            return StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(data);
        }
    }

    private int ReadDataByte(ReadOnlySpan<byte> body, ref int position, int eventStart)
    {
        if (position >= body.Length)
            throw Error(eventStart, "the track ends inside a channel message");
        var value = body[position];
        if (value >= 0x80)
            throw Error(position, $"byte 0x{value:X2} where a data byte (below 0x80) belongs");
        position++;
        return value;
    }

    private int ReadQuantity(ReadOnlySpan<byte> body, ref int position, string what)
    {
        var start = position;
        if (VariableLengthQuantity.TryRead(body, ref position, out var value, out var tooLong))
            return value;
        throw Error(start, tooLong
            ? $"{what} is a variable-length quantity longer than {VariableLengthQuantity.MaxBytes} bytes"
            : $"the track ends inside {what}");
    }

    private ReadOnlySpan<byte> TakeBytes(ReadOnlySpan<byte> body, ref int position, int length, string what, int eventStart)
    {
        if (length > body.Length - position)
            throw Error(eventStart, $"{what} of {length} bytes runs past the end of the track ({body.Length - position} bytes left)");
        var slice = body.Slice(position, length);
        position += length;
        return slice;
    }

    private MusicFormatException Error(int positionInChunk, string problem) =>
        SmfReader.Error(fileName, $"track {trackNumber}", chunkOffset + positionInChunk, problem);
}
