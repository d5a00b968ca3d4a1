using NotaGen.Training.Logging;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

/// <summary>The training progress line: rate and ETA from this session's steps.</summary>
public sealed class ConsoleProgressTests
{
    private static string Lines(int totalSteps, params (int Step, double Elapsed)[] steps)
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress(output, interactive: false, lineEvery: 1);
        foreach (var (step, elapsed) in steps)
            progress.Report(new TrainingLogEntry { Kind = "train", Step = step, TotalSteps = totalSteps, Loss = 1, LearningRate = 1e-4, TokensPerSecond = 100, ElapsedSeconds = elapsed });
        return output.ToString();
    }

    [Fact]
    public void The_eta_is_the_remaining_steps_at_this_sessions_rate()
    {
        // A resumed run: steps 100 and 101 one second apart, 1,000 to go: 899 s.
        var text = Lines(1000, (100, 5000), (101, 5001));
        Assert.EndsWith("step 101/1000  loss 1.0000  lr 1.00E-004  100 tok/s  ETA 00:14:59" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eta_past_a_day_keeps_its_days()
    {
        // 199,998 steps to go at a second each: 2 days 7:33:18 (hh alone showed 07:33:18).
        var text = Lines(200_000, (1, 0), (2, 1));
        Assert.EndsWith("ETA 2d 07:33:18" + Environment.NewLine, text, StringComparison.Ordinal);
    }
}
