namespace NotaGen.Training.Data;

/// <summary>
/// Derives independent seeds from a run seed and coordinates (epoch, piece, ...), so every random draw of the data
/// pipeline is a pure function of the configuration and a resumed run redraws exactly what the first run drew.
/// </summary>
public static class SeedMixer
{
    public static int Mix(long seed, params long[] coordinates)
    {
        var state = unchecked((ulong)seed);
        foreach (var c in coordinates)
            state = SplitMix(state ^ SplitMix(unchecked((ulong)c)));
        return (int)(SplitMix(state) & int.MaxValue);
    }

    // SplitMix64's finaliser: a cheap bijective mixer with good avalanche, so nearby coordinates give unrelated seeds.
    private static ulong SplitMix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
