using System.Diagnostics;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Benchmarks;

/// <summary>One mode's measurement over a range of patches.</summary>
/// <param name="Patches">Patches timed.</param>
/// <param name="Characters">Characters they added.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="FirstContext">Context length (patches) when the timed range started.</param>
public sealed record GenerationRate(int Patches, int Characters, double Seconds, int FirstContext)
{
    public double CharactersPerSecond => Characters / Seconds;

    public double PatchesPerSecond => Patches / Seconds;
}

/// <summary>
/// The cached and the recomputing loop on the same randomly initialised model. <see cref="Cached"/> and
/// <see cref="Recomputed"/> cover the same context range (the last <see cref="Recomputed"/>.Patches patches of a run of
/// <see cref="TotalPatches"/>), so their ratio is the speed-up at that length; <see cref="CachedFullRun"/> is the cached
/// loop over the whole run.
/// </summary>
public sealed record GenerationBenchmarkResult(string Preset, int ContextPatches, int Threads, int TotalPatches,
    GenerationRate CachedFullRun, GenerationRate Cached, GenerationRate Recomputed, double PeakMemoryMegabytes)
{
    /// <summary>Cached characters per second over recomputed characters per second, on the same patch range.</summary>
    public double Ratio => Cached.CharactersPerSecond / Recomputed.CharactersPerSecond;

    /// <summary>
    /// The cached loop over the whole run with the character level stepped through TorchSharp instead of
    /// <see cref="NotaGen.Modeling.Inference.HostCharDecoder"/> (null when not measured, or not a CPU model).
    /// </summary>
    public GenerationRate? CachedTorchSteps { get; init; }
}

/// <summary>
/// Measures generation speed with and without key/value caches (NotaGen's reference loop re-runs the patch level per
/// patch and the character level per character, <see cref="GenerationOptions.UseCache"/>). The model is a preset with random weights; its context is widened to hold the requested patches so both
/// loops work on one growing context (a random model never starts a tune body, so it could not stream past it).
/// When the recomputing loop is too slow for the whole run, it is timed on the run's last patches only: it starts
/// from the cached run's text up to there, and the cached loop's rate over the same patches is compared with it.
/// </summary>
public static class GenerationBenchmark
{
    public static GenerationBenchmarkResult Run(string preset, int patches, int recomputePatches, int threads, ulong seed = 0) =>
        Run(preset, patches, recomputePatches, threads, seed, compareTorchSteps: false);

    /// <param name="compareTorchSteps">Also time the cached loop with TorchSharp character steps (the managed ones are the default).</param>
    /// <param name="progress">Told after every timed patch: (run, patches done, patches of the run).</param>
    /// <param name="cancellation">Stops the run in hand after its patch; then <see cref="OperationCanceledException"/> is thrown.</param>
    public static GenerationBenchmarkResult Run(string preset, int patches, int recomputePatches, int threads, ulong seed, bool compareTorchSteps,
        Action<string, int, int>? progress = null, CancellationToken cancellation = default)
    {
        if (threads > 0)
            TorchSharp.torch.set_num_threads(threads);
        recomputePatches = Math.Min(recomputePatches, patches);
        var config = ModelPresets.Get(preset);
        config = config with { PatchLength = Math.Max(config.PatchLength, patches + 32) };
        using var model = NotaGenModel.Create(config, seed: (long)seed);
        var generator = new PieceGenerator(model);
        var request = PieceRequest.ForStyle(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard"));

        // Warm-up: first calls load kernels and allocate caches.
        generator.Generate(request, TimedRunOptions.For(seed, cached: true, 4, null), cancellation);
        generator.Generate(request, TimedRunOptions.For(seed, cached: false, 4, null), cancellation);
        cancellation.ThrowIfCancellationRequested();

        var times = new List<(double Seconds, int Characters)>();
        var texts = new List<string>();
        var clock = Stopwatch.StartNew();
        var cached = generator.Generate(request, TimedRunOptions.For(seed, cached: true, patches, e =>
        {
            times.Add((clock.Elapsed.TotalSeconds, e.Text.Length));
            texts.Add(e.Text);
            progress?.Invoke("cached decoding", times.Count, patches);
        }), cancellation);
        cancellation.ThrowIfCancellationRequested();
        var promptPatches = new BarPatchTokenizer(int.MaxValue).EncodeForGeneration(request.PromptText + request.Prefix).Count;
        var fullRun = new GenerationRate(cached.Patches, cached.GeneratedCharacters, times[^1].Seconds, promptPatches);

        GenerationRate? torchSteps = null;
        if (compareTorchSteps)
        {
            clock.Restart();
            var done = 0;
            var stepped = generator.Generate(request, TimedRunOptions.For(seed, cached: true, patches, _ => progress?.Invoke("TorchSharp character steps", ++done, patches)) with { HostCharLevel = false },
                cancellation);
            cancellation.ThrowIfCancellationRequested();
            torchSteps = new GenerationRate(stepped.Patches, stepped.GeneratedCharacters, clock.Elapsed.TotalSeconds, promptPatches);
        }

        var skipped = cached.Patches - recomputePatches;
        var window = skipped == 0 ? fullRun : new GenerationRate(
            recomputePatches,
            times.Skip(skipped).Sum(t => t.Characters),
            times[^1].Seconds - times[skipped - 1].Seconds,
            promptPatches + skipped);

        var recomputeRequest = skipped == 0 ? request : request with { Prefix = PrefixWithin(request, texts, promptPatches + skipped) };
        var recomputeStart = new BarPatchTokenizer(int.MaxValue).EncodeForGeneration(recomputeRequest.PromptText + recomputeRequest.Prefix).Count;
        clock.Restart();
        var recomputedPatches = 0;
        var recomputed = generator.Generate(recomputeRequest, TimedRunOptions.For(seed, cached: false, recomputePatches,
            _ => progress?.Invoke("recomputing decoding", ++recomputedPatches, recomputePatches)), cancellation);
        cancellation.ThrowIfCancellationRequested();
        var recomputeRate = new GenerationRate(recomputed.Patches, recomputed.GeneratedCharacters, clock.Elapsed.TotalSeconds, recomputeStart);

        return new GenerationBenchmarkResult(config.Preset, config.PatchLength, TorchSharp.torch.get_num_threads(), cached.Patches,
            fullRun, window, recomputeRate, PeakMemory.Megabytes())
        {
            CachedTorchSteps = torchSteps,
        };
    }

    /// <summary>
    /// The longest start of the cached run's text whose re-encoding fits in <paramref name="patches"/>: re-encoding
    /// cuts a random model's lines differently from how it wrote them, so the text of k patches may encode to more.
    /// </summary>
    private static string PrefixWithin(PieceRequest request, List<string> texts, int patches)
    {
        var tokenizer = new BarPatchTokenizer(int.MaxValue);
        var (low, high) = (0, texts.Count);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            var prefix = string.Concat(texts.Take(middle));
            if (tokenizer.EncodeForGeneration(request.PromptText + prefix).Count <= patches)
                low = middle;
            else
                high = middle - 1;
        }
        return string.Concat(texts.Take(low));
    }
}
