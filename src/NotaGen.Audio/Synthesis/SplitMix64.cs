namespace NotaGen.Audio.Synthesis;

/// <summary>A tiny seeded generator for synthesis noise: same seed, same sound, on every machine and run.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    /// <summary>Uniform in [-1, 1).</summary>
    public double NextSigned()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (2.0 / (1UL << 53)) - 1;
    }
}
