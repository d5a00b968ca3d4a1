using System.Diagnostics;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;

namespace NotaGen.Generation.Benchmarks;

/// <summary>One mode's measurement.</summary>
/// <param name="Patches">Patches generated.</param>
/// <param name="Characters">Characters generated.</param>
/// <param name="Seconds">Wall time of the generation.</param>
public sealed record GenerationRate(int Patches, int Characters, double Seconds)
{
    public double CharactersPerSecond => Characters / Seconds;

    public double PatchesPerSecond => Patches / Seconds;
}

/// <summary>The cached and the recomputing loop on the same randomly initialised model, side by side.</summary>
public sealed record GenerationBenchmarkResult(string Preset, int ContextPatches, int Threads, GenerationRate Cached, GenerationRate Recomputed, double PeakMemoryMegabytes)
{
    /// <summary>Cached characters per second over recomputed characters per second.</summary>
    public double Ratio => Cached.CharactersPerSecond / Recomputed.CharactersPerSecond;
}

/// <summary>
/// Measures generation speed with and without key/value caches (NotaGen's reference loop re-runs everything per
/// patch). The model is a preset with random weights; its context is widened to hold the requested patches so both
/// loops work on one growing context (a random model never starts a tune body, so it could not stream past it).
/// </summary>
public static class GenerationBenchmark
{
    public static GenerationBenchmarkResult Run(string preset, int patches, int recomputePatches, int threads, ulong seed = 0)
    {
        if (threads > 0)
            TorchSharp.torch.set_num_threads(threads);
        var config = ModelPresets.Get(preset);
        config = config with { PatchLength = Math.Max(config.PatchLength, Math.Max(patches, recomputePatches) + 16) };
        using var model = NotaGenModel.Create(config, seed: (long)seed);
        var generator = new PieceGenerator(model);
        var request = PieceRequest.ForStyle("Romantic", "Chopin, Frederic", "Keyboard");

        // Warm-up: first calls load kernels and allocate caches.
        Measure(generator, request, 4, true, seed);
        Measure(generator, request, 4, false, seed);

        var cached = Measure(generator, request, patches, true, seed);
        var recomputed = Measure(generator, request, recomputePatches, false, seed);
        return new GenerationBenchmarkResult(config.Preset, config.PatchLength, TorchSharp.torch.get_num_threads(), cached, recomputed, PeakMemory.Megabytes());
    }

    private static GenerationRate Measure(PieceGenerator generator, PieceRequest request, int patches, bool cached, ulong seed)
    {
        var options = new GenerationOptions { Seed = seed, UseCache = cached, MaxPatches = patches, MaxDuration = TimeSpan.FromHours(2) };
        var clock = Stopwatch.StartNew();
        var piece = generator.Generate(request, options);
        var seconds = clock.Elapsed.TotalSeconds;
        return new GenerationRate(piece.Patches, piece.GeneratedCharacters, seconds);
    }
}
