using System.CommandLine;
using System.Globalization;
using NotaGen.Modeling.Configuration;
using NotaGen.Training.Benchmarks;
using TorchSharp;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen bench train --preset tiny|small --batch-patches N [--steps S] [--warmup W] [--threads T]</c>: training
/// throughput (tokens/s = non-PAD characters per second, patches/s) and the process's peak memory at a fixed batch.
/// A line per timed step (s/step, ETA); Ctrl-C stops before the next step and prints no figure (exit 130).
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "Model preset.", DefaultValueFactory = _ => "tiny" };
        var batchPatches = new Option<int>("--batch-patches") { Description = "Patches per batch (pieces of the context length, or one shorter piece).", DefaultValueFactory = _ => 1024 };
        var steps = new Option<int>("--steps") { Description = "Timed updates.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed updates first.", DefaultValueFactory = _ => 2 };
        var threads = new Option<int?>("--threads") { Description = "Torch intra-op threads (default: torch's)." };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout override (preset default 0.1)." };

        var command = new Command("train", "Training throughput and peak memory of a preset at a fixed batch.") { preset, batchPatches, steps, warmup, threads, device, dropout };
        command.SetAction(Interrupt.Cancels((parse, cancellation) =>
        {
            try
            {
                if (parse.GetValue(threads) is { } t) torch.set_num_threads(t);
                var config = ModelPresets.Get(parse.GetValue(preset)!);
                if (parse.GetValue(dropout) is { } d) config = config with { Dropout = d };
                var result = TrainingBenchmark.Run(config, parse.GetValue(batchPatches), parse.GetValue(steps), parse.GetValue(warmup),
                    parse.GetValue(device) == "cuda" ? torch.CUDA : torch.CPU, progress: line => Console.Error.WriteLine(line), cancellation: cancellation);
                var c = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(c,
                    $"preset {result.Preset} ({result.Parameters:N0} parameters), batch {result.Pieces} × {result.PatchesPerPiece} patches, {result.Device}, {result.Threads} threads\n" +
                    $"{result.SecondsPerStep:F3} s/step ({result.CpuSecondsPerStep:F3} CPU s/step) over {result.MeasuredSteps} steps, {result.TokensPerSecond:F0} tokens/s, {result.PatchesPerSecond:F1} patches/s, " +
                    $"peak memory {result.PeakWorkingSetBytes / (1024.0 * 1024):F0} MiB"));
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"notagen bench train: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // A mean over the steps done so far is not the benchmark's figure (its warm-up may not even be over).
                Console.Error.WriteLine("notagen bench train: interrupted; no figure printed.");
                return CliExit.Interrupted;
            }
        }));
        return command;
    }
}
