using NotaGen.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void AdamW_matches_TorchSharps_AdamW_step_for_step()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var start = randn([5, 4], generator: generator);
        var ours = new Parameter(start.clone());
        var theirs = new Parameter(start.clone());
        using var adam = new NotaGen.Training.Optimization.AdamW([("w", ours)], new AdamWOptions { WeightDecay = 0.05 }) { LearningRate = 0.01 };
        var reference = optim.AdamW([theirs], lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.05);
        for (var step = 0; step < 6; step++)
        {
            var target = randn([5, 4], generator: generator);
            foreach (var p in new[] { ours, theirs })
            {
                p.grad?.zero_();
                (p - target).pow(2).sum().backward();
            }
            adam.Step();
            reference.step();
        }
        Assert.True(TestModels.MaxDifference(ours, theirs) < 1e-6, $"max difference {TestModels.MaxDifference(ours, theirs)}");
        Assert.True(TestModels.MaxDifference(ours, start) > 0.01, "the parameters should have moved");
    }

    [Fact]
    public void Schedule_warms_up_linearly_then_follows_a_cosine_to_the_minimum()
    {
        var schedule = new LearningRateSchedule(PeakRate: 1e-3, WarmupSteps: 4, TotalSteps: 14, MinimumRatio: 0.1);
        Assert.Equal([2.5e-4, 5e-4, 7.5e-4, 1e-3], Enumerable.Range(0, 4).Select(schedule.RateAt).Select(r => Math.Round(r, 12)));
        // Half-way through the decay the cosine is at the mid-point between peak and minimum.
        Assert.Equal(0.55e-3, schedule.RateAt(9), 12);
        Assert.Equal(1e-4, schedule.RateAt(14), 12);
        Assert.Equal(1e-4, schedule.RateAt(100), 12);
        for (var s = 4; s < 14; s++) Assert.True(schedule.RateAt(s + 1) < schedule.RateAt(s));
    }

    [Fact]
    public void Clipping_scales_the_global_norm_down_to_the_limit()
    {
        using var scope = NewDisposeScope();
        var a = new Parameter(zeros(3));
        var b = new Parameter(zeros(4));
        using var adam = new NotaGen.Training.Optimization.AdamW([("a", a), ("b", b)], new AdamWOptions());
        (a.sum() * 3 + b.sum() * 4).backward(); // gradients: 3,3,3 and 4,4,4,4 → norm √(27 + 64) = √91
        var before = adam.ClipGradients(1.0);
        Assert.Equal(Math.Sqrt(91), before, 4);
        var after = cat([a.grad!, b.grad!]).norm().item<float>();
        Assert.Equal(1.0, after, 4);
    }
}
