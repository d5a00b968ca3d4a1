using System.Buffers.Binary;
using System.Text;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// Writes the pickle opcodes (protocol 2) torch.save uses for a checkpoint: strings, integers, floats, None, tuples,
/// lists, dicts, globals, REDUCE and persistent ids. No memo: every value is written where it is used.
/// </summary>
public sealed class PickleWriter
{
    private readonly MemoryStream buffer = new();

    public PickleWriter() => buffer.Write([0x80, 2]);                          // PROTO 2

    public void EmptyDict() => buffer.WriteByte((byte)'}');

    public void EmptyTuple() => buffer.WriteByte((byte)')');

    public void EmptyList() => buffer.WriteByte((byte)']');

    public void Appends() => buffer.WriteByte((byte)'e');

    public void None() => buffer.WriteByte((byte)'N');

    public void Mark() => buffer.WriteByte((byte)'(');

    public void SetItems() => buffer.WriteByte((byte)'u');

    public void Tuple() => buffer.WriteByte((byte)'t');

    public void Reduce() => buffer.WriteByte((byte)'R');

    public void PersistentId() => buffer.WriteByte((byte)'Q');                 // BINPERSID

    public void Bool(bool value) => buffer.WriteByte(value ? (byte)0x88 : (byte)0x89);

    public void Float(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);                  // BINFLOAT is big-endian
        buffer.WriteByte((byte)'G');
        buffer.Write(bytes);
    }

    public void Global(string module, string name) => buffer.Write(Encoding.ASCII.GetBytes($"c{module}\n{name}\n"));

    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        buffer.WriteByte((byte)'X');
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    public void Int(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (value is >= 0 and <= byte.MaxValue)
        {
            buffer.Write([(byte)'K', (byte)value]);                             // BININT1
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            buffer.WriteByte((byte)'J');                                        // BININT
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            buffer.Write(bytes[..4]);
        }
        else
        {
            buffer.Write([0x8a, 8]);                                            // LONG1, 8 bytes
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            buffer.Write(bytes);
        }
    }

    /// <summary>A tuple of integers (sizes, strides).</summary>
    public void IntTuple(IReadOnlyList<long> values)
    {
        Mark();
        foreach (var value in values) Int(value);
        Tuple();
    }

    public byte[] Finish()
    {
        buffer.WriteByte((byte)'.');                                            // STOP
        return buffer.ToArray();
    }
}
