using NotaGen.Generation.Constraints;
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
    /// patch. False: NotaGen's reference loop exactly (reference f): the patch decoder re-run over the whole context for
    /// every patch and the character decoder re-run over the patch's prefix for every character, no cache at either
    /// level, always all 16 characters of a patch (<see cref="StopPatchAtEos"/> does not apply). Both write the same
    /// text for the same seed.
    /// </summary>
    public bool UseCache { get; init; } = true;

    /// <summary>
    /// With <see cref="UseCache"/> on a CPU model: run the cached character level in managed code
    /// (<see cref="NotaGen.Modeling.Inference.HostCharDecoder"/>, a weight snapshot per run) instead of one TorchSharp
    /// step per character, which is dominated by per-operation overhead. Same function; false is for comparisons.
    /// </summary>
    public bool HostCharLevel { get; init; } = true;

    /// <summary>
    /// With <see cref="UseCache"/>, one piece, a CPU model and no style adapters: step the patch level in managed code
    /// (<see cref="NotaGen.Modeling.Inference.HostPatchDecoder"/>; the prompt still runs through TorchSharp). Same
    /// function; false is for comparisons.
    /// </summary>
    public bool HostPatchLevel { get; init; } = true;

    /// <summary>Failure above this many characters of text (NotaGen: 102,400).</summary>
    public int MaxCharacters { get; init; } = 102_400;

    /// <summary>Failure after this much wall time (NotaGen: 20 minutes in its batch script).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Stop after this many generated patches (benchmarks); null = no limit.</summary>
    public int? MaxPatches { get; init; }

    /// <summary>
    /// Cached loop: stop writing a patch once every row has written EOS (the rest would be PAD anyway). NotaGen always
    /// writes 16 characters; the text is the same either way (each patch draws a fixed block of random numbers), only
    /// fewer characters are computed.
    /// </summary>
    public bool StopPatchAtEos { get; init; } = true;

    /// <summary>
    /// How much of NotaGen's format every character is held to (<see cref="ScoreGrammar"/>): the writer masks the
    /// model's logits to the characters that keep the text completable, in all three decoding strategies alike, and
    /// forces the key, meter, tempo and bar count through the same mask. None (the library default, NotaGen's own
    /// behaviour) leaves the distribution alone; the <c>notagen generate</c> default is Structure.
    /// </summary>
    public ConstraintLevel Constraint { get; init; } = ConstraintLevel.None;

    /// <summary>Called after every accepted patch, in order, on the generating thread.</summary>
    public Action<PatchStreamEvent>? OnPatch { get; init; }
}
