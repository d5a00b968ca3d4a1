namespace NotaGen.Music.Midi;

/// <summary>
/// The SMF variable-length quantity: 7 bits per byte, most significant first, the top bit set on every byte but
/// the last. At most 4 bytes (values up to 0x0FFFFFFF), as the standard allows.
/// </summary>
public static class VariableLengthQuantity
{
    public const int MaxValue = 0x0FFFFFFF;
    public const int MaxBytes = 4;

    /// <summary>Decodes at <paramref name="position"/>; returns false (position unchanged) if the bytes run out
    /// (<paramref name="tooLong"/> false) or a fifth byte would be needed (<paramref name="tooLong"/> true).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, ref int position, out int value, out bool tooLong)
    {
        value = 0;
        tooLong = false;
        var p = position;
        for (var count = 0; count < MaxBytes; count++)
        {
            if (p >= data.Length)
                return false;
            var b = data[p++];
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
            {
                position = p;
                return true;
            }
        }
        tooLong = true;
        return false;
    }

    public static void Write(Stream stream, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        Span<byte> buffer = stackalloc byte[MaxBytes];
        var start = MaxBytes - 1;
        buffer[start] = (byte)(value & 0x7F);
        while ((value >>= 7) != 0)
            buffer[--start] = (byte)(0x80 | (value & 0x7F));
        stream.Write(buffer[start..]);
    }
}
