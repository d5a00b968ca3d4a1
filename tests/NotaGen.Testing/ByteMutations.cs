namespace NotaGen.Testing;

/// <summary>
/// Seeded damage to a file's bytes for fuzz tests. A test names the kinds it wants, in its own order; every draw comes
/// from the test's <see cref="Random"/> in a fixed order (the position, the kind, then the kind's own draws), so a seed
/// replays the same cases.
/// </summary>
public static class ByteMutations
{
    /// <summary>Damages <paramref name="bytes"/> (a copy, free to change) near <paramref name="at"/> and says how.</summary>
    public delegate byte[] Mutation(byte[] bytes, int at, Random random, out string how);

    /// <summary>One seeded damage of <paramref name="original"/>, of one of <paramref name="kinds"/>, at a random position.</summary>
    public static byte[] Mutate(byte[] original, Random random, IReadOnlyList<Mutation> kinds, out string how)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(kinds);
        var bytes = (byte[])original.Clone();
        var at = random.Next(bytes.Length);
        return kinds[random.Next(kinds.Count)](bytes, at, random, out how);
    }

    public static byte[] Truncate(byte[] bytes, int at, Random random, out string how)
    {
        how = $"truncating at {at}";
        return bytes[..at];
    }

    public static byte[] FlipBit(byte[] bytes, int at, Random random, out string how)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(random);
        how = $"flipping a bit at {at}";
        bytes[at] ^= (byte)(1 << random.Next(8));
        return bytes;
    }

    public static byte[] WriteFF(byte[] bytes, int at, Random random, out string how)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        how = $"writing 0xFF at {at}";
        bytes[at] = 0xFF;
        return bytes;
    }

    public static byte[] ClearTopBit(byte[] bytes, int at, Random random, out string how)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        how = $"clearing the top bit at {at}";
        bytes[at] &= 0x7F;
        return bytes;
    }

    /// <summary>1 to 15 random bytes inserted.</summary>
    public static byte[] InsertJunk(byte[] bytes, int at, Random random, out string how)
    {
        ArgumentNullException.ThrowIfNull(random);
        var junk = new byte[random.Next(1, 16)];
        random.NextBytes(junk);
        how = $"inserting {junk.Length} random bytes at {at}";
        return [.. bytes[..at], .. junk, .. bytes[at..]];
    }

    public static byte[] DeleteByte(byte[] bytes, int at, Random random, out string how)
    {
        how = $"deleting a byte at {at}";
        return [.. bytes[..at], .. bytes[(at + 1)..]];
    }

    /// <summary>4 bytes changed somewhere in the last kilobyte, whatever <paramref name="at"/> is: a zip's central directory.</summary>
    public static byte[] FlipNearEnd(byte[] bytes, int at, Random random, out string how)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(random);
        var tail = Math.Max(0, bytes.Length - 1024) + random.Next(Math.Min(1024, bytes.Length));
        how = $"flipping 4 bytes at {tail}, near the end";
        for (var i = tail; i < Math.Min(tail + 4, bytes.Length); i++)
            bytes[i] ^= (byte)random.Next(1, 256);
        return bytes;
    }
}
