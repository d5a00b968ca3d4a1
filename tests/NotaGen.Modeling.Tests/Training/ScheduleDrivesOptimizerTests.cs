using NotaGen.Testing;
using NotaGen.Training;
using NotaGen.Training.Logging;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Training;

/// <summary>
/// NotaGen's scripts compute a schedule that never reaches the optimizer (reference e.1). Here the first AdamW update
/// is lr × m̂ / (√v̂ + ε) with the same gradients whatever the rate, so the weights' first change must scale with the
/// scheduled rate: warm-up over 4 steps moves them by a quarter of what the full rate does.
/// </summary>
public sealed class ScheduleDrivesOptimizerTests
{
    [Fact]
    public void First_update_scales_with_the_scheduled_rate()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 3, validation: 0);
        var baseConfig = TrainingFixtures.Config(corpus, directory.File("x")) with
        {
            Steps = 1,
            Dropout = 0,
            EvaluateEvery = 0,
            LearningRate = 1e-3,
            Adamw = new() { WeightDecay = 0 },
        };

        var warm = FirstUpdate(baseConfig with { Output = directory.File("warm"), WarmupSteps = 4 }, out var warmRate);
        var full = FirstUpdate(baseConfig with { Output = directory.File("full"), WarmupSteps = 0 }, out var fullRate);

        Assert.Equal(2.5e-4, warmRate, 12);
        Assert.Equal(1e-3, fullRate, 12);
        var ratio = warm.abs().sum().item<float>() / full.abs().sum().item<float>();
        Assert.Equal(0.25, ratio, 3);
        Assert.True(TestModels.MaxDifference(warm * 4, full) < 2e-6); // float32 rounding of p + Δ − p only
    }

    [Fact]
    public void Logged_rates_follow_warm_up_then_cosine()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 3, validation: 0);
        var config = TrainingFixtures.Config(corpus, directory.File("run")) with { Steps = 8, WarmupSteps = 3, LearningRate = 1e-3, MinLearningRateRatio = 0, EvaluateEvery = 0 };
        using var session = TrainingSession.Open(config);
        session.Run();
        var rates = JsonLinesTrainingLog.Read(session.LogPath).Where(e => e.Kind == "train").Select(e => e.LearningRate!.Value).ToList();
        double[] expected = [1e-3 / 3, 2e-3 / 3, 1e-3, .. Enumerable.Range(0, 5).Select(k => 1e-3 * 0.5 * (1 + Math.Cos(Math.PI * k / 5)))];
        Assert.Equal(expected.Length, rates.Count);
        for (var i = 0; i < rates.Count; i++) Assert.Equal(expected[i], rates[i], 12);
    }

    /// <summary>All weights after one update minus before, flattened.</summary>
    private static Tensor FirstUpdate(NotaGen.Training.Configuration.TrainingConfig config, out double rate)
    {
        using var session = TrainingSession.Open(config);
        var before = cat(session.Model.parameters().Select(p => p.detach().flatten().clone()).ToList());
        session.Run();
        var after = cat(session.Model.parameters().Select(p => p.detach().flatten().clone()).ToList());
        rate = JsonLinesTrainingLog.Read(session.LogPath).Single(e => e.Kind == "train").LearningRate!.Value;
        return (after - before).DetachFromDisposeScope();
    }
}
