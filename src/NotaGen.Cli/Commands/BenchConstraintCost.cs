using System.Globalization;
using System.Text.Json;
using NotaGen.Generation.Benchmarks;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen bench generate --constraint</c>: characters per second with and without the structure constraint, same seeds, one run.</summary>
internal static class BenchConstraintCost
{
    public static int Run(string? modelDirectory, int pieces, int bars, int threads, ulong seed, bool json, RateProgress progress, CancellationToken cancellation)
    {
        if (pieces < 1 || bars < 1)
        {
            Console.Error.WriteLine("notagen bench generate --constraint: --pieces and --bars must be at least 1.");
            return 2;
        }
        if (threads > 0)
            TorchSharp.torch.set_num_threads(threads);
        using var model = Modeling.Weights.ModelDirectory.Load(modelDirectory ?? DefaultModel.Directory());
        model.eval();
        var result = ConstraintCostBenchmark.Run(model, pieces, bars, seed, (done, all) => progress.Report("constraint cost", "pieces", done, all), cancellation);
        progress.Finish();
        Console.Out.Write(json ? Json(result) : Table(result));
        return 0;
    }

    private static string Json(ConstraintCostResult r) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["none_chars_per_s"] = Math.Round(r.None.CharactersPerSecond, 1),
        ["structure_chars_per_s"] = Math.Round(r.Structure.CharactersPerSecond, 1),
        ["ratio"] = Math.Round(r.Ratio, 3),
        ["steady_ratio"] = Math.Round(r.SteadyRatio, 3),
        ["none_steady_chars_per_s"] = Math.Round(r.None.SteadyCharactersPerSecond, 1),
        ["structure_steady_chars_per_s"] = Math.Round(r.Structure.SteadyCharactersPerSecond, 1),
        ["none_patches_per_s"] = Math.Round(r.None.PatchesPerSecond, 2),
        ["structure_patches_per_s"] = Math.Round(r.Structure.PatchesPerSecond, 2),
        ["mask_seconds"] = Math.Round(r.MaskSeconds, 3),
        ["mask_share_of_structure_time"] = Math.Round(r.MaskShare, 4),
        ["none_characters"] = r.None.Characters,
        ["structure_characters"] = r.Structure.Characters,
        ["none_seconds"] = Math.Round(r.None.Seconds, 2),
        ["structure_seconds"] = Math.Round(r.Structure.Seconds, 2),
        ["pieces"] = r.None.Pieces,
        ["bars"] = r.Bars,
        ["first_seed"] = r.FirstSeed,
        ["preset"] = r.Preset,
        ["threads"] = r.Threads,
    }) + "\n";

    private static string Table(ConstraintCostResult r)
    {
        static string Row(ConstraintRate rate) => string.Format(CultureInfo.InvariantCulture,
            "{0,-12} {1,7} {2,10} {3,8} {4,10:F2} {5,10:F1} {6,10:F2} {7,16:F1}\n", rate.Level.ToString().ToLowerInvariant(), rate.Pieces, rate.Characters, rate.Patches, rate.Seconds, rate.CharactersPerSecond, rate.PatchesPerSecond, rate.SteadyCharactersPerSecond);
        return string.Format(CultureInfo.InvariantCulture, "model {0}, {1} threads, managed cached path, {2} bars, seeds {3}..{4}, levels interleaved per seed\n",
                r.Preset, r.Threads, r.Bars, r.FirstSeed, r.FirstSeed + (ulong)r.None.Pieces - 1)
            + string.Format(CultureInfo.InvariantCulture, "{0,-12} {1,7} {2,10} {3,8} {4,10} {5,10} {6,10} {7,16}\n", "constraint", "pieces", "chars", "patches", "seconds", "chars/s", "patches/s", "chars/s steady")
            + Row(r.None)
            + Row(r.Structure)
            + string.Format(CultureInfo.InvariantCulture, "ratio structure/none (chars/s) {0:F3} whole pieces, {3:F3} from each piece's first patch on; the automaton itself (structure text replayed, allowed set per character): {1:F3} s, {2:P1} of the structure time\n", r.Ratio, r.MaskSeconds, r.MaskShare, r.SteadyRatio);
    }
}
