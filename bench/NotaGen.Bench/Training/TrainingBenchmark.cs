using System.Diagnostics;
using System.Globalization;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Training.Data;
using NotaGen.Training.Loop;
using NotaGen.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Training.Benchmarks;

/// <summary>
/// Training throughput of a model shape at a fixed batch: full updates (forward, backward, clipping, AdamW) through the
/// real <see cref="Trainer{TBatch}"/> on synthetic pieces, timed after warm-up updates.
/// </summary>
public static class TrainingBenchmark
{
    public sealed record Result(
        string Preset, long Parameters, int Pieces, int PatchesPerPiece, int MeasuredSteps,
        double SecondsPerStep, double CpuSecondsPerStep, double TokensPerSecond, double PatchesPerSecond, long PeakWorkingSetBytes, int Threads, string Device);

    /// <param name="cancellation">Checked before the warm-up and before every timed step (throws <see cref="OperationCanceledException"/>).</param>
    public static Result Run(NotaGenConfig config, int batchPatches, int steps, int warmupSteps, Device device, long seed = 0, Action<string>? progress = null,
        CancellationToken cancellation = default)
    {
        var patchesPerPiece = Math.Min(config.PatchLength, batchPatches);
        var pieces = Math.Max(1, batchPatches / patchesPerPiece);
        torch.random.manual_seed(seed);
        using var model = NotaGenModel.Create(config, device, seed);
        using var optimizer = new AdamW(model.named_parameters(), new AdamWOptions());
        var source = new SyntheticBatchSource(pieces, patchesPerPiece, seed, device);
        var settings = new TrainerSettings { Schedule = new LearningRateSchedule(1e-4, 0, warmupSteps + steps, 1), ModelConfig = config };
        var trainer = new Trainer<PatchBatch>(settings, model, optimizer, new LanguageModelObjective(model), source, null, null);

        cancellation.ThrowIfCancellationRequested();
        trainer.Run(warmupSteps);
        progress?.Invoke($"warm-up done ({warmupSteps} steps)");
        var tokensBefore = trainer.State.Tokens;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < steps; s++)
        {
            cancellation.ThrowIfCancellationRequested();
            trainer.Run(warmupSteps + s + 1);
            var perStep = clock.Elapsed.TotalSeconds / (s + 1);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"step {s + 1}/{steps}: {perStep:F2} s/step, ETA {TimeSpan.FromSeconds(perStep * (steps - s - 1)):hh\\:mm\\:ss}"));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        // CPU time beside wall time: on a shared machine wall time measures the neighbours too.
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var tokens = trainer.State.Tokens - tokensBefore;
        return new Result(config.Preset, model.CountParameters(), pieces, patchesPerPiece, steps, seconds / steps, cpuSeconds / steps, tokens / seconds,
            (double)pieces * patchesPerPiece * steps / seconds, process.PeakWorkingSet64, torch.get_num_threads(), device.type.ToString());
    }
}
