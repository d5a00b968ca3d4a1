using NotaGen.Generation.Sampling;

namespace NotaGen.Generation;

/// <summary>How the loop runs: sampling, seed, limits, and whether the decoder keeps key/value caches.</summary>
public sealed record GenerationOptions
{
    public SamplingOptions Sampling { get; init; } = SamplingOptions.NotaGenDefaults;

    /// <summary>Seed of the one torch.Generator every character draw comes from.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// True: the patch level keeps a key/value cache that grows patch by patch and the character level a cache per
    /// patch. False: NotaGen's reference loop, which re-runs the whole context for every patch and every character.
    /// </summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Failure above this many characters of text (NotaGen: 102,400).</summary>
    public int MaxCharacters { get; init; } = 102_400;

    /// <summary>Failure after this much wall time (NotaGen: 20 minutes in its batch script).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Stop after this many generated patches (benchmarks); null = no limit.</summary>
    public int? MaxPatches { get; init; }

    /// <summary>
    /// Stop writing a patch once every row has written EOS (the rest would be PAD anyway). NotaGen always writes 16
    /// characters; the text is the same either way, only fewer draws are made.
    /// </summary>
    public bool StopPatchAtEos { get; init; } = true;

    /// <summary>Called after every accepted patch, in order, on the generating thread.</summary>
    public Action<PatchStreamEvent>? OnPatch { get; init; }
}
