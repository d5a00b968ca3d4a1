using System.Buffers.Binary;
using System.Text;
using NotaGen.Music.IO;

namespace NotaGen.Music.Midi;

/// <summary>
/// Writes Standard MIDI Files (format 0 or 1). Channel messages use running status; a meta event always breaks it
/// (the next channel message repeats its status byte), which every reader accepts whatever it thinks meta events
/// do to running status. Note-offs are written as 0x80 messages.
/// </summary>
public sealed class SmfWriter : IMidiFileWriter
{
    /// <param name="cancel">Checked for every event encoded: a write given up on leaves no file (the write is atomic).</param>
    public static void WriteFile(MidiFile file, string path, CancellationToken cancel = default) =>
        AtomicFile.Write(path, stream => Write(file, stream, cancel));

    public static byte[] ToBytes(MidiFile file)
    {
        using var stream = new MemoryStream();
        new SmfWriter().Write(file, stream);
        return stream.ToArray();
    }

    public void Write(MidiFile file, Stream stream) => Write(file, stream, default);

    private static void Write(MidiFile file, Stream stream, CancellationToken cancel)
    {
        if (file.Format is not (0 or 1))
            throw new ArgumentException($"MIDI file format {file.Format} cannot be written (only 0 and 1).", nameof(file));
        if (file.Format == 0 && file.Tracks.Count != 1)
            throw new ArgumentException($"A format 0 MIDI file has exactly one track, not {file.Tracks.Count}.", nameof(file));
        if (file.TicksPerQuarter is < 1 or > MidiLimits.MaxTicksPerQuarter)
            throw new ArgumentException($"Ticks per quarter must be 1..{MidiLimits.MaxTicksPerQuarter}, not {file.TicksPerQuarter}.", nameof(file));
        if (file.Tracks.Count > ushort.MaxValue)
            throw new ArgumentException($"A MIDI file holds at most {ushort.MaxValue} tracks.", nameof(file));

        Span<byte> header = stackalloc byte[14];
        "MThd"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 6);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], (ushort)file.Format);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)file.Tracks.Count);
        BinaryPrimitives.WriteUInt16BigEndian(header[12..], (ushort)file.TicksPerQuarter);
        stream.Write(header);

        Span<byte> chunkHeader = stackalloc byte[8];
        for (var i = 0; i < file.Tracks.Count; i++)
        {
            var body = EncodeTrack(file.Tracks[i], i + 1, cancel);
            "MTrk"u8.CopyTo(chunkHeader);
            BinaryPrimitives.WriteUInt32BigEndian(chunkHeader[4..], (uint)body.Length);
            stream.Write(chunkHeader);
            stream.Write(body);
        }
    }

    private static byte[] EncodeTrack(MidiTrack track, int trackNumber, CancellationToken cancel)
    {
        using var body = new MemoryStream();
        long tick = 0;
        int? runningStatus = null;
        foreach (var e in track.Events)
        {
            cancel.ThrowIfCancellationRequested();
            if (e.Tick < tick)
                throw new ArgumentException($"Track {trackNumber}: events are not in time order (tick {e.Tick} after {tick}).");
            WriteDelta(body, e.Tick - tick, trackNumber);
            tick = e.Tick;
            if (e is ChannelEvent channelEvent)
            {
                var (status, data) = Encode(channelEvent, trackNumber);
                if (status != runningStatus)
                    body.WriteByte((byte)status);
                body.Write(data);
                runningStatus = status;
            }
            else
            {
                var (type, data) = Encode(e, trackNumber);
                body.WriteByte(0xFF);
                body.WriteByte((byte)type);
                VariableLengthQuantity.Write(body, data.Length);
                body.Write(data);
                runningStatus = null;
            }
        }
        WriteDelta(body, Math.Max(track.EndTick, tick) - tick, trackNumber);
        body.Write([0xFF, 0x2F, 0x00]);
        return body.ToArray();
    }

    private static void WriteDelta(Stream body, long delta, int trackNumber)
    {
        if (delta > VariableLengthQuantity.MaxValue)
            throw new ArgumentException($"Track {trackNumber}: a gap of {delta} ticks exceeds the largest MIDI delta time.");
        VariableLengthQuantity.Write(body, (int)delta);
    }

    private static (int Status, byte[] Data) Encode(ChannelEvent e, int trackNumber)
    {
        Check(e.Channel, 15, "channel", trackNumber);
        return e switch
        {
            NoteOnEvent n => (0x90 | n.Channel, [Data7(n.Key, trackNumber), Data7(n.Velocity, trackNumber)]),
            NoteOffEvent n => (0x80 | n.Channel, [Data7(n.Key, trackNumber), Data7(n.Velocity, trackNumber)]),
            PolyPressureEvent p => (0xA0 | p.Channel, [Data7(p.Key, trackNumber), Data7(p.Pressure, trackNumber)]),
            ControlChangeEvent c => (0xB0 | c.Channel, [Data7(c.Controller, trackNumber), Data7(c.Value, trackNumber)]),
            ProgramChangeEvent p => (0xC0 | p.Channel, [Data7(p.Program, trackNumber)]),
            ChannelPressureEvent p => (0xD0 | p.Channel, [Data7(p.Pressure, trackNumber)]),
            PitchBendEvent b => (0xE0 | b.Channel, PitchBendBytes(b, trackNumber)),
            _ => throw new ArgumentException($"Track {trackNumber}: no encoding for {e.GetType().Name}."),
        };
    }

    private static byte[] PitchBendBytes(PitchBendEvent b, int trackNumber)
    {
        Check(b.Value, 0x3FFF, "pitch bend", trackNumber);
        return [(byte)(b.Value & 0x7F), (byte)(b.Value >> 7)];
    }

    private static (int Type, byte[] Data) Encode(MidiEvent e, int trackNumber)
    {
        switch (e)
        {
            case SetTempoEvent t:
                if (t.MicrosecondsPerQuarter is < MidiLimits.MinMicrosecondsPerQuarter or > MidiLimits.MaxMicrosecondsPerQuarter)
                    throw new ArgumentException($"Track {trackNumber}: tempo {t.MicrosecondsPerQuarter} µs per quarter is out of range.");
                var us = t.MicrosecondsPerQuarter;
                return (0x51, [(byte)(us >> 16), (byte)(us >> 8), (byte)us]);
            case TimeSignatureEvent s:
                var power = int.Log2(s.Denominator);
                if (s.Denominator <= 0 || 1 << power != s.Denominator || power > MidiLimits.MaxDenominatorPower)
                    throw new ArgumentException($"Track {trackNumber}: time signature denominator {s.Denominator} is not a power of two.");
                Check(s.Numerator, 255, "time signature numerator", trackNumber);
                return (0x58, [(byte)s.Numerator, (byte)power, (byte)s.ClocksPerClick, (byte)s.ThirtySecondsPerQuarter]);
            case KeySignatureEvent k:
                if (k.Fifths is < -7 or > 7)
                    throw new ArgumentException($"Track {trackNumber}: key signature with {k.Fifths} fifths.");
                return (0x59, [(byte)(sbyte)k.Fifths, (byte)(k.Minor ? 1 : 0)]);
            case TrackNameEvent n:
                return (0x03, EncodeText(n.Name));
            case MetaEvent m:
                if (m.Type is < 0 or > 0x7F or 0x2F)
                    throw new ArgumentException($"Track {trackNumber}: meta event type {m.Type} cannot be written as such.");
                return (m.Type, m.Data);
            default:
                throw new ArgumentException($"Track {trackNumber}: no encoding for {e.GetType().Name}.");
        }
    }

    /// <summary>
    /// Latin-1 when the text fits it, as most MIDI software (mido, sequencers) expects; UTF-8 otherwise. The reader
    /// tries UTF-8 first and falls back to Latin-1, so either way the text reads back unchanged.
    /// </summary>
    private static byte[] EncodeText(string text) =>
        text.All(c => c <= '\u00FF') ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);

    private static byte Data7(int value, int trackNumber)
    {
        Check(value, 127, "data byte", trackNumber);
        return (byte)value;
    }

    private static void Check(int value, int max, string what, int trackNumber)
    {
        if (value < 0 || value > max)
            throw new ArgumentException($"Track {trackNumber}: {what} {value} is outside 0..{max}.");
    }
}
