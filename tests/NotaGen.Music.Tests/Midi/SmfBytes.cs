using System.Buffers.Binary;

namespace NotaGen.Music.Tests.Midi;

/// <summary>Builds Standard MIDI File bytes by hand (header + MTrk chunks), independent of the writer under test.</summary>
internal static class SmfBytes
{
    public static byte[] File(int format, int ticksPerQuarter, params byte[][] trackBodies)
    {
        var bytes = new List<byte>();
        bytes.AddRange("MThd"u8.ToArray());
        bytes.AddRange(BigEndian32(6));
        bytes.AddRange(BigEndian16(format));
        bytes.AddRange(BigEndian16(trackBodies.Length));
        bytes.AddRange(BigEndian16(ticksPerQuarter));
        foreach (var body in trackBodies)
        {
            bytes.AddRange("MTrk"u8.ToArray());
            bytes.AddRange(BigEndian32(body.Length));
            bytes.AddRange(body);
        }
        return [.. bytes];
    }

    public static byte[] BigEndian32(int value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return b;
    }

    private static byte[] BigEndian16(int value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        return b;
    }
}
