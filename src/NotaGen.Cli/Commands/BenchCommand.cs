using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NotaGen.Generation.Benchmarks;
using NotaGen.Modeling.Configuration;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen bench generate</c>: generation speed with key/value caches versus NotaGen's recomputing loop.</summary>
using System.Diagnostics;
using NotaGen.Music;
using NotaGen.Music.MusicXml;
/// <summary><c>notagen bench convert DIR</c>: MusicXML → ABC throughput (files/s, MB/s) on a folder of scores.</summary>
using NotaGen.Training.Benchmarks;
using TorchSharp;
/// <summary>
/// <c>notagen bench train --preset tiny|small --batch-patches N [--steps S] [--warmup W] [--threads T]</c>: training
/// throughput (tokens/s = non-PAD characters per second, patches/s) and the process's peak memory at a fixed batch.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure the workbench's speed.");
        command.Subcommands.Add(Generate());
        return command;
    }

    private static Command Generate()
    {
        var preset = new Option<string>("--preset") { Description = "Model preset (random weights): tiny, mini, small, ...", DefaultValueFactory = _ => "tiny" };
        var patches = new Option<int>("--patches") { Description = "Patches to generate (256, 512, 1024).", DefaultValueFactory = _ => 256 };
        var recomputePatches = new Option<int?>("--recompute-patches") { Description = "Time the recomputing loop (and compare) on only the last N patches of the run (it is slow on big presets); default: all." };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads (0 = leave torch's default).", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the weights and of the sampler.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };

        var command = new Command("generate", "Characters and patches per second with caches and with recomputation (one run), their ratio, peak memory.")
        {
            preset, patches, recomputePatches, threads, seed, json,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(preset)!;
            var count = parse.GetValue(patches);
            var recompute = parse.GetValue(recomputePatches) ?? count;
            if (!ModelPresets.Names.Contains(name.ToLowerInvariant()) || count < 1 || recompute < 1)
            {
                Console.Error.WriteLine($"notagen bench generate: need a preset ({string.Join(", ", ModelPresets.Names)}) and positive patch counts.");
                return 2;
            }
            var result = GenerationBenchmark.Run(name, count, recompute, parse.GetValue(threads), parse.GetValue(seed));
            Console.Out.Write(parse.GetValue(json) ? Json(result) : Table(result));
            return 0;
        });
        return command;
    }

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
            + string.Format(CultureInfo.InvariantCulture, "ratio (chars/s, same patches) {0:F2}x, peak memory {1:F0} MB\n", r.Ratio, r.PeakMemoryMegabytes);
    }
        var folder = new Argument<string>("folder") { Description = "Folder of .musicxml/.xml/.mxl scores, read recursively." };
        var jobs = new Option<int>("--jobs") { Description = "Parallel conversions (default: processor count; 1 for single-core speed)." };
        var convert = new Command("convert", "Time MusicXML → ABC over a folder: files/s and MB/s (input bytes), in memory, no output written.")
            folder, jobs,
        convert.SetAction(parse =>
            var dir = parse.GetValue(folder)!;
            if (!Directory.Exists(dir))
                Console.Error.WriteLine($"error: {dir}: no such folder");
            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".musicxml" or ".xml" or ".mxl").ToList();
            var bytes = files.Sum(f => new FileInfo(f).Length);
            var failed = 0;
            var threads = parse.GetValue(jobs) is > 0 and var j ? j : Environment.ProcessorCount;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
                try
                {
                    MusicXmlToAbc.ConvertFile(f);
                }
                catch (MusicFormatException)
                    Interlocked.Increment(ref failed);
            });
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{files.Count} files ({bytes / 1e6:F1} MB compressed/plain input), {failed} rejected, {threads} threads, {Environment.ProcessorCount} cores");
            Console.WriteLine($"wall {seconds:F1} s: {files.Count / seconds:F1} files/s, {bytes / 1e6 / seconds:F2} MB/s; cpu {cpuSeconds:F1} s ({files.Count / cpuSeconds:F1} files per cpu-second)");
        var command = new Command("bench", "Measure workbench throughput.");
        command.Subcommands.Add(convert);
        var preset = new Option<string>("--preset") { Description = "Model preset.", DefaultValueFactory = _ => "tiny" };
        var batchPatches = new Option<int>("--batch-patches") { Description = "Patches per batch (pieces of the context length, or one shorter piece).", DefaultValueFactory = _ => 1024 };
        var steps = new Option<int>("--steps") { Description = "Timed updates.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed updates first.", DefaultValueFactory = _ => 2 };
        var threads = new Option<int?>("--threads") { Description = "Torch intra-op threads (default: torch's)." };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout override (preset default 0.1)." };
        var train = new Command("train", "Training throughput and peak memory of a preset at a fixed batch.") { preset, batchPatches, steps, warmup, threads, device, dropout };
        train.SetAction(parse =>
            try
                if (parse.GetValue(threads) is { } t) torch.set_num_threads(t);
                var config = ModelPresets.Get(parse.GetValue(preset)!);
                if (parse.GetValue(dropout) is { } d) config = config with { Dropout = d };
                var result = TrainingBenchmark.Run(config, parse.GetValue(batchPatches), parse.GetValue(steps), parse.GetValue(warmup),
                    parse.GetValue(device) == "cuda" ? torch.CUDA : torch.CPU, progress: line => Console.Error.WriteLine(line));
                var c = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(c,
                    $"preset {result.Preset} ({result.Parameters:N0} parameters), batch {result.Pieces} × {result.PatchesPerPiece} patches, {result.Device}, {result.Threads} threads\n" +
                    $"{result.SecondsPerStep:F3} s/step ({result.CpuSecondsPerStep:F3} CPU s/step) over {result.MeasuredSteps} steps, {result.TokensPerSecond:F0} tokens/s, {result.PatchesPerSecond:F1} patches/s, " +
                    $"peak memory {result.PeakWorkingSetBytes / (1024.0 * 1024):F0} MiB"));
                return 0;
            catch (ArgumentException e)
                Console.Error.WriteLine($"notagen bench train: {e.Message}");
                return 1;
        return new Command("bench", "Performance measurements.") { train };
}
