namespace NotaGen.Generation.Benchmarks;

/// <summary>
/// The options of a timed generation: seeded, and stopped only by its patch count (no time or character cap ends it
/// early), so that both sides of a comparison decode the same number of patches.
/// </summary>
internal static class TimedRunOptions
{
    public static GenerationOptions For(ulong seed, bool cached, int patches, Action<PatchStreamEvent>? onPatch) => new()
    {
        Seed = seed,
        UseCache = cached,
        MaxPatches = patches,
        MaxDuration = TimeSpan.FromHours(2),
        MaxCharacters = int.MaxValue,
        OnPatch = onPatch,
    };
}
