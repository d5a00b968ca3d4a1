using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Inference;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Benchmarks;

/// <summary>What the PyTorch cached loop (<c>PyTorch/cached_loop.py</c>) measured, as it printed it.</summary>
/// <param name="SecondsPerPatch">Wall time per patch over the replayed patches after the first.</param>
/// <param name="PeakRssMegabytes">Peak resident memory of the Python process (loading the checkpoint included).</param>
/// <param name="WeightBytes">Bytes of the checkpoint's tensors (the tied LM head counted once).</param>
/// <param name="ComparedPatches">Generated patches whose character logits were compared with the workbench's.</param>
/// <param name="MaxAbsLogitDifference">Largest absolute difference of those logits.</param>
/// <param name="Blas">The BLAS library libblas.so.3 resolves to (OpenBLAS, or Debian's slow reference BLAS).</param>
public sealed record PyTorchLoopResult(int Patches, double SecondsPerPatch, double PeakRssMegabytes, long WeightBytes,
    int ComparedPatches, double MaxAbsLogitDifference, string Torch, int Threads, string Blas);

/// <summary>The workbench's cached decoding and a plain PyTorch cached loop on the same weights, threads and patches.</summary>
/// <param name="OursSecondsPerPatch">Wall time per patch of <see cref="PieceGenerator"/>'s cached loop, after its first patch.</param>
/// <param name="OursPeakRssMegabytes">Peak resident memory of this process while generating (the peak is reset after the
/// model is built and exported, where Linux allows it, so it is the generating model's, as a loaded model's would be).</param>
/// <param name="LoadAverage">The one-minute load average before and after (the machine may be shared).</param>
public sealed record VersusPyTorchResult(string Preset, int Threads, int Patches, int PromptPatches, double CharactersPerPatch,
    double OursSecondsPerPatch, double OursPeakRssMegabytes, bool OursPeakReset, long WeightBytes, PyTorchLoopResult PyTorch,
    (double Before, double After) LoadAverage)
{
    /// <summary>
    /// Patches of a "32-bar keyboard piece" as issue 18 counts it (about 3.3 patches per bar line), to turn s/patch into
    /// s/piece. Real pieces are longer: the first 32 bars of 8 keyboard pieces of the shared corpus, converted to NotaGen's
    /// interleaved form with their prompt lines, tokenized to 172–457 patches (Mozart, Scarlatti, Bach, Beethoven,
    /// Chopin, Liszt; five of them over 200), so a real piece takes about twice s/piece.
    /// </summary>
    public const int PiecePatches = 110;

    /// <summary>PyTorch's seconds per patch over ours (above 1: we are faster).</summary>
    public double Ratio => PyTorch.SecondsPerPatch / OursSecondsPerPatch;

    public double OursPieceSeconds => OursSecondsPerPatch * PiecePatches;

    /// <summary>The decoders replayed on one thread (the breakdown of where a patch's time goes).</summary>
    public required DecoderReplay OneThreadReplay { get; init; }

    /// <summary>The decoders replayed on <see cref="Threads"/> threads.</summary>
    public required DecoderReplay Replay { get; init; }

    /// <summary>The replays' logits are bit-identical across the two thread counts.</summary>
    public required bool ThreadCountsAgree { get; init; }

    public double PyTorchPieceSeconds => PyTorch.SecondsPerPatch * PiecePatches;
}

/// <summary>Where our time per patch goes: the managed decoders replayed alone on one thread count.</summary>
/// <param name="PatchLevelSeconds">Seconds per patch in the patch level's one step.</param>
/// <param name="CharLevelSeconds">Seconds per patch in the character level (start and steps).</param>
/// <param name="CharacterForwards">Character-level forwards per patch (start and steps).</param>
public sealed record DecoderReplay(int Threads, double PatchLevelSeconds, double CharLevelSeconds, double CharacterForwards, float[] Logits);

/// <summary>
/// <c>notagen bench generate --versus-pytorch</c>: makes random weights of a preset, writes them with
/// <see cref="NotaGenPthExport"/> as NotaGen's checkpoint, times the workbench's cached generation, then has Python
/// replay the same patches through a plain PyTorch 1.13 cached loop on that file (same thread count), and checks that
/// both compute the same character logits on the first patches, so the times are of equal work.
/// </summary>
public static class VersusPyTorchBenchmark
{
    private const string ScriptResource = "NotaGen.Bench.PyTorch.cached_loop.py";

    /// <param name="cancellation">Checked between patches (ours), between replayed patches, and while the PyTorch loop
    /// runs (it is killed); then the work folder is deleted and <see cref="OperationCanceledException"/> is thrown.</param>
    public static VersusPyTorchResult Run(string preset, int patches, int threads, ulong seed, string python, int comparedPatches = 2, CancellationToken cancellation = default)
    {
        if (patches < 2)
            throw new ArgumentOutOfRangeException(nameof(patches), "Time at least 2 patches (the first one includes the prompt).");
        if (threads < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), "Give the thread count both sides use.");
        TorchSharp.torch.set_num_threads(threads);
        var loadBefore = LoadAverage();
        var config = ModelPresets.Get(preset);
        config = config with { PatchLength = Math.Max(config.PatchLength, patches + 32) };
        var work = Directory.CreateTempSubdirectory("notagen-vs-pytorch-");
        try
        {
            var checkpoint = Path.Combine(work.FullName, "model.pth");
            using var model = NotaGenModel.Create(config, seed: (long)seed);
            NotaGenPthExport.Write(model, checkpoint);
            var weightBytes = model.parameters().Sum(p => p.numel() * p.ElementSize);

            var generator = new PieceGenerator(model);
            var request = PieceRequest.ForStyle(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard"));
            generator.Generate(request, TimedRunOptions.For(seed, cached: true, 2, null), cancellation);   // warm-up: kernels, caches
            GC.Collect();
            var peakReset = PeakMemory.Reset();

            var times = new List<double>();
            var generated = new List<int[]>();
            var characters = 0;
            var clock = Stopwatch.StartNew();
            generator.Generate(request, TimedRunOptions.For(seed, cached: true, patches, e =>
            {
                times.Add(clock.Elapsed.TotalSeconds);
                generated.Add(Padded(e.Ids));
                characters += e.Text.Length;
            }), cancellation);
            cancellation.ThrowIfCancellationRequested();
            var oursPeak = PeakMemory.Megabytes();
            var oursPerPatch = (times[^1] - times[0]) / (times.Count - 1);

            var prompt = new BarPatchTokenizer(int.MaxValue).EncodeForGeneration(request.PromptText + request.Prefix).Select(p => Padded(p)).ToList();
            var steps = generated.Select(CharacterSteps).ToList();
            var patchesFile = Path.Combine(work.FullName, "patches.json");
            File.WriteAllText(patchesFile, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["prompt"] = prompt,
                ["generated"] = generated,
                ["char_steps"] = steps,
            }));
            var oneThread = Replay(model, prompt, generated, steps, 1, comparedPatches, cancellation);
            var replay = threads == 1 ? oneThread : Replay(model, prompt, generated, steps, threads, comparedPatches, cancellation);
            var logitsFile = Path.Combine(work.FullName, "logits.f32");
            using (var file = File.Create(logitsFile))
                file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(replay.Logits.AsSpan()));

            var torchSide = RunPython(python, work.FullName, checkpoint, patchesFile, logitsFile, threads, seed, cancellation);
            return new VersusPyTorchResult(config.Preset, threads, generated.Count, prompt.Count, (double)characters / generated.Count,
                oursPerPatch, oursPeak, peakReset, weightBytes, torchSide, (loadBefore, LoadAverage()))
            {
                OneThreadReplay = oneThread,
                Replay = replay,
                ThreadCountsAgree = oneThread.Logits.AsSpan().SequenceEqual(replay.Logits),
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // The cached writer starts a patch and steps once per character until the last position or the first EOS.
    private static int CharacterSteps(int[] ids)
    {
        var eos = Array.IndexOf(ids, PatchVocabulary.Eos);
        return eos >= 0 ? eos : PatchVocabulary.PatchSize - 1;
    }

    private static int[] Padded(IReadOnlyList<int> ids)
    {
        var padded = new int[PatchVocabulary.PatchSize];
        for (var i = 0; i < ids.Count; i++)
            padded[i] = ids[i];
        return padded;
    }

    /// <summary>
    /// Our managed decoders replayed over the generated patches with the recorded characters (no sampling, no tensors):
    /// seconds per patch in the patch level and in the character level, and the character logits of the first
    /// <paramref name="logitPatches"/> patches, [K, 16, 128] (rows after a patch's last step zero).
    /// </summary>
    private static DecoderReplay Replay(NotaGenModel model, List<int[]> prompt, List<int[]> generated, List<int> steps, int threads, int logitPatches,
        CancellationToken cancellation)
    {
        var vocabulary = model.Config.VocabularySize;
        var patchLevel = new HostPatchDecoder(model.PatchLevel, model.Config, threads);
        var context = patchLevel.NewState(null);
        foreach (var ids in prompt)
            patchLevel.Step(context, ids);
        var charLevel = new HostCharDecoder(model.CharLevel, model.Config, threads);
        var chars = charLevel.NewState(1);
        var logits = new float[Math.Min(logitPatches, generated.Count) * PatchVocabulary.PatchSize * vocabulary];
        var scratch = new float[PatchVocabulary.PatchSize * vocabulary];
        var (patchClock, charClock) = (new Stopwatch(), new Stopwatch());
        for (var k = 0; k < generated.Count; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var patch = k < logitPatches ? logits.AsSpan(k * scratch.Length, scratch.Length) : scratch.AsSpan();
            charClock.Start();
            charLevel.Start(chars, context.Last, patch[..vocabulary]);
            for (var p = 0; p < steps[k]; p++)
                charLevel.Step(chars, [generated[k][p]], patch.Slice((p + 1) * vocabulary, vocabulary));
            charClock.Stop();
            patchClock.Start();
            patchLevel.Step(context, generated[k]);
            patchClock.Stop();
        }
        return new DecoderReplay(threads, patchClock.Elapsed.TotalSeconds / generated.Count, charClock.Elapsed.TotalSeconds / generated.Count,
            (double)steps.Sum(s => s + 1) / generated.Count, logits);
    }

    private static PyTorchLoopResult RunPython(string python, string work, string checkpoint, string patchesFile, string logitsFile, int threads, ulong seed,
        CancellationToken cancellation)
    {
        var script = Path.Combine(work, "cached_loop.py");
        using (var resource = typeof(VersusPyTorchBenchmark).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The bench assembly lacks its resource {ScriptResource}."))
        using (var file = File.Create(script))
            resource.CopyTo(file);
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--checkpoint", checkpoint, "--patches", patchesFile, "--logits", logitsFile,
            "--threads", threads.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        // OpenBLAS ignores torch.set_num_threads; without PASSIVE, OpenMP spins and a busy 2-core machine crawls (platform.md).
        start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start '{python}' ({e.Message}); the comparison needs Python 3 with PyTorch (Debian: python3-torch, libopenblas0-pthread).", e);
        }
        using (process)
        {
            // Killed on cancellation, so that the work folder (the exported weights) can be deleted at once.
            using var kill = cancellation.Register(() =>
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // it had ended already
                }
            });
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            cancellation.ThrowIfCancellationRequested();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"The PyTorch loop ({python} {script}) failed with exit code {process.ExitCode}:\n{stderr.Result.Trim()}");
            var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
            return new PyTorchLoopResult(
                json.GetProperty("patches").GetInt32(),
                json.GetProperty("seconds_per_patch").GetDouble(),
                json.GetProperty("peak_rss_mb").GetDouble(),
                json.GetProperty("weight_bytes").GetInt64(),
                json.GetProperty("compared_patches").GetInt32(),
                json.GetProperty("max_abs_logit_difference").GetDouble(),
                json.GetProperty("torch").GetString() ?? "",
                json.GetProperty("threads").GetInt32(),
                json.GetProperty("blas").GetString() ?? "");
        }
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : double.NaN;
}
