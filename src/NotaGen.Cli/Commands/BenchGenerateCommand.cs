using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NotaGen.Generation.Benchmarks;
using NotaGen.Modeling.Configuration;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen bench generate</c>: generation speed with key/value caches versus NotaGen's recomputing loop. A progress
/// line (rate, ETA) per timed run; Ctrl-C stops the run in hand after its patch, prints no figure and exits 130
/// (<c>--versus-pytorch</c> kills the PyTorch loop and deletes its work folder).
/// </summary>
internal static class BenchGenerateCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "Model preset (random weights): tiny, mini, small, ...", DefaultValueFactory = _ => "tiny" };
        var patches = new Option<int>("--patches") { Description = "Patches to generate (256, 512, 1024).", DefaultValueFactory = _ => 256 };
        var recomputePatches = new Option<int?>("--recompute-patches") { Description = "Time the recomputing loop (and compare) on only the last N patches of the run (it is slow on big presets); default: all." };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads (0 = leave torch's default).", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights and of the sampler.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var torchSteps = new Option<bool>("--torch-steps") { Description = "Also time the cached loop with TorchSharp character steps instead of the managed ones." };
        var constraint = new Option<bool>("--constraint") { Description = "Instead: characters/s of the bundled model (or --model) with --constraint none and structure, same seeds, one run, and their ratio." };
        var model = new Option<string?>("--model") { Description = "With --constraint: the model directory (default: the bundled model)." };
        var pieces = new Option<int>("--pieces") { Description = "With --constraint: pieces per level.", DefaultValueFactory = _ => 3 };
        var bars = new Option<int>("--bars") { Description = "With --constraint: bars per piece.", DefaultValueFactory = _ => 8 };
        var versusPyTorch = new Option<bool>("--versus-pytorch") { Description = "Instead: the preset's random weights exported as a NotaGen .pth, our cached decoding against a plain PyTorch cached loop on that file (same threads, same patches): s/patch, s per 32-bar piece, peak RSS, ratio, logit difference." };
        var python = new Option<string>("--python") { Description = "With --versus-pytorch: the Python with PyTorch.", DefaultValueFactory = _ => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3" };

        var command = new Command("generate", "Characters and patches per second with caches and with recomputation (one run), their ratio, peak memory.")
        {
            preset, patches, recomputePatches, threads, seed, json, torchSteps, constraint, model, pieces, bars, versusPyTorch, python,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) =>
        {
            var progress = new RateProgress(Console.Error);
            try
            {
                return Bench(parse, progress, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine($"notagen bench generate: interrupted{(progress.Stage is { } stage ? $" during {stage}" : "")}; no figure printed.");
                return CliExit.Interrupted;
            }
        }));
        return command;

        int Bench(ParseResult parse, RateProgress progress, CancellationToken cancellation)
        {
            if (parse.GetValue(constraint))
                return BenchConstraintCost.Run(parse.GetValue(model), parse.GetValue(pieces), parse.GetValue(bars), parse.GetValue(threads), parse.GetValue(seed), parse.GetValue(json),
                    progress, cancellation);
            var name = parse.GetValue(preset)!;
            var count = parse.GetValue(patches);
            var recompute = parse.GetValue(recomputePatches) ?? count;
            if (!ModelPresets.Names.Contains(name.ToLowerInvariant()) || count < 1 || recompute < 1)
            {
                Console.Error.WriteLine($"notagen bench generate: need a preset ({string.Join(", ", ModelPresets.Names)}) and positive patch counts.");
                return 2;
            }
            if (parse.GetValue(versusPyTorch))
                return VersusPyTorch(name, count, parse.GetValue(threads), parse.GetValue(seed), parse.GetValue(python)!, parse.GetValue(json), cancellation);
            var result = GenerationBenchmark.Run(name, count, recompute, parse.GetValue(threads), parse.GetValue(seed), parse.GetValue(torchSteps),
                (run, done, all) => progress.Report(run, "patches", done, all), cancellation);
            progress.Finish();
            Console.Out.Write(parse.GetValue(json) ? Json(result) : Table(result));
            return 0;
        }
    }

    private static int VersusPyTorch(string preset, int patches, int threads, ulong seed, string python, bool json, CancellationToken cancellation)
    {
        if (threads < 1)
        {
            Console.Error.WriteLine("notagen bench generate --versus-pytorch: give --threads N (both sides use N).");
            return 2;
        }
        VersusPyTorchResult r;
        try
        {
            r = VersusPyTorchBenchmark.Run(preset, patches, threads, seed, python, cancellation: cancellation);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"notagen bench generate --versus-pytorch: {e.Message}");
            return 1;
        }
        Console.Out.Write(json ? VersusJson(r) : VersusTable(r));
        return 0;
    }

    private static string VersusJson(VersusPyTorchResult r) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["preset"] = r.Preset,
        ["threads"] = r.Threads,
        ["patches"] = r.Patches,
        ["chars_per_patch"] = Math.Round(r.CharactersPerPatch, 2),
        ["ours_s_per_patch"] = Math.Round(r.OursSecondsPerPatch, 4),
        ["pytorch_s_per_patch"] = Math.Round(r.PyTorch.SecondsPerPatch, 4),
        ["ratio"] = Math.Round(r.Ratio, 2),
        ["ours_s_per_piece"] = Math.Round(r.OursPieceSeconds, 1),
        ["pytorch_s_per_piece"] = Math.Round(r.PyTorchPieceSeconds, 1),
        ["piece_patches"] = VersusPyTorchResult.PiecePatches,
        ["ours_peak_rss_mb"] = Math.Round(r.OursPeakRssMegabytes, 0),
        ["ours_peak_reset"] = r.OursPeakReset,
        ["pytorch_peak_rss_mb"] = Math.Round(r.PyTorch.PeakRssMegabytes, 0),
        ["weight_mb"] = Math.Round(r.WeightBytes / (1024.0 * 1024.0), 0),
        ["compared_patches"] = r.PyTorch.ComparedPatches,
        ["max_abs_logit_difference"] = r.PyTorch.MaxAbsLogitDifference,
        ["torch"] = r.PyTorch.Torch,
        ["blas"] = r.PyTorch.Blas,
        ["replay_1_thread_patch_level_s"] = Math.Round(r.OneThreadReplay.PatchLevelSeconds, 4),
        ["replay_1_thread_char_level_s"] = Math.Round(r.OneThreadReplay.CharLevelSeconds, 4),
        ["replay_patch_level_s"] = Math.Round(r.Replay.PatchLevelSeconds, 4),
        ["replay_char_level_s"] = Math.Round(r.Replay.CharLevelSeconds, 4),
        ["char_forwards_per_patch"] = Math.Round(r.Replay.CharacterForwards, 2),
        ["thread_counts_bit_identical"] = r.ThreadCountsAgree,
        ["load_before"] = r.LoadAverage.Before,
        ["load_after"] = r.LoadAverage.After,
    }) + "\n";

    private static string VersusTable(VersusPyTorchResult r)
    {
        var mb = 1024.0 * 1024.0;
        return string.Format(CultureInfo.InvariantCulture,
            "preset {0}, random weights ({1:F0} MB fp32), {2} threads both sides, {3} patches after a {4}-patch prompt ({5:F1} characters/patch), load average {6:F1} -> {7:F1}\n",
            r.Preset, r.WeightBytes / mb, r.Threads, r.Patches, r.PromptPatches, r.CharactersPerPatch, r.LoadAverage.Before, r.LoadAverage.After)
            + string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,10} {2,14} {3,14} {4,12}\n", "side", "s/patch", "s/piece (110)", "peak RSS MB", "RSS/weights")
            + string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,10:F4} {2,14:F1} {3,14:F0} {4,12:F2}\n",
                "ours (cached)" + (r.OursPeakReset ? "" : " [peak incl. export]"), r.OursSecondsPerPatch, r.OursPieceSeconds, r.OursPeakRssMegabytes, r.OursPeakRssMegabytes * mb / r.WeightBytes)
            + string.Format(CultureInfo.InvariantCulture, "{0,-34} {1,10:F4} {2,14:F1} {3,14:F0} {4,12:F2}\n",
                $"PyTorch {r.PyTorch.Torch} cached loop", r.PyTorch.SecondsPerPatch, r.PyTorchPieceSeconds, r.PyTorch.PeakRssMegabytes, r.PyTorch.PeakRssMegabytes * mb / r.WeightBytes)
            + string.Format(CultureInfo.InvariantCulture, "ratio (PyTorch s/patch / ours) {0:F2}x; character logits of the first {1} patches: max |ours - PyTorch| = {2:E2}; BLAS {3}\n",
                r.Ratio, r.PyTorch.ComparedPatches, r.PyTorch.MaxAbsLogitDifference, r.PyTorch.Blas)
            + (r.Replay.Threads == 1 ? "" : Breakdown(r.OneThreadReplay, null))
            + Breakdown(r.Replay, r.OursSecondsPerPatch)
            + (r.Replay.Threads == 1 ? "" : $"replayed logits bit-identical on 1 and {r.Replay.Threads} threads: {(r.ThreadCountsAgree ? "yes" : "NO")}\n");
    }

    // Where a patch's time goes; the rest (sampling, constraint, copies) only beside the generation it was measured with.
    private static string Breakdown(DecoderReplay d, double? generation) => string.Format(CultureInfo.InvariantCulture,
        "our decoders replayed alone, {0} thread(s): patch level {1:F4} s/patch, character level {2:F4} s/patch ({3:F1} forwards, {4:F2} ms each){5}\n",
        d.Threads, d.PatchLevelSeconds, d.CharLevelSeconds, d.CharacterForwards, 1000 * d.CharLevelSeconds / d.CharacterForwards,
        generation is { } g ? string.Format(CultureInfo.InvariantCulture, "; generation's rest (sampling, constraint, copies) about {0:F4} s/patch", g - d.PatchLevelSeconds - d.CharLevelSeconds) : "");

    private static string Json(GenerationBenchmarkResult r)
    {
        var values = new Dictionary<string, object>
        {
            ["patches"] = r.TotalPatches,
            ["cached_chars_per_s"] = Math.Round(r.Cached.CharactersPerSecond, 1),
            ["recompute_chars_per_s"] = Math.Round(r.Recomputed.CharactersPerSecond, 1),
            ["ratio"] = Math.Round(r.Ratio, 2),
            ["peak_memory_mb"] = Math.Round(r.PeakMemoryMegabytes, 1),
            ["cached_patches_per_s"] = Math.Round(r.Cached.PatchesPerSecond, 2),
            ["recompute_patches_per_s"] = Math.Round(r.Recomputed.PatchesPerSecond, 2),
            ["compared_patches"] = r.Recomputed.Patches,
            ["compared_from_context"] = r.Recomputed.FirstContext,
            ["cached_full_run_chars_per_s"] = Math.Round(r.CachedFullRun.CharactersPerSecond, 1),
            ["cached_full_run_seconds"] = Math.Round(r.CachedFullRun.Seconds, 2),
            ["recompute_seconds"] = Math.Round(r.Recomputed.Seconds, 2),
            ["preset"] = r.Preset,
            ["context_patches"] = r.ContextPatches,
            ["threads"] = r.Threads,
        };
        if (r.CachedTorchSteps is { } stepped)
            values["cached_torch_steps_chars_per_s"] = Math.Round(stepped.CharactersPerSecond, 1);
        return JsonSerializer.Serialize(values) + "\n";
    }

    private static string Table(GenerationBenchmarkResult r)
    {
        static string Row(string mode, GenerationRate rate) => string.Format(CultureInfo.InvariantCulture,
            "{0,-16} {1,8} {2,8} {3,10} {4,10:F2} {5,12:F1} {6,12:F2}\n", mode, rate.FirstContext, rate.Patches, rate.Characters, rate.Seconds, rate.CharactersPerSecond, rate.PatchesPerSecond);
        return string.Format(CultureInfo.InvariantCulture, "preset {0}, context {1} patches, {2} threads, random weights, {3} patches\n", r.Preset, r.ContextPatches, r.Threads, r.TotalPatches)
            + string.Format(CultureInfo.InvariantCulture, "{0,-16} {1,8} {2,8} {3,10} {4,10} {5,12} {6,12}\n", "mode", "from", "patches", "chars", "seconds", "chars/s", "patches/s")
            + Row("cached full run", r.CachedFullRun)
            + Row("cached", r.Cached)
            + Row("recompute", r.Recomputed)
            + (r.CachedTorchSteps is { } stepped ? Row("cached, torch", stepped) : "")
            + string.Format(CultureInfo.InvariantCulture, "ratio (chars/s, same patches) {0:F2}x, peak memory {1:F0} MB\n", r.Ratio, r.PeakMemoryMegabytes);
    }
}
