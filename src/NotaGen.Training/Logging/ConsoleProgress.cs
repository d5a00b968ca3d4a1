using System.Globalization;

namespace NotaGen.Training.Logging;

/// <summary>
/// A one-line progress display (step, loss, rate, ETA) rewritten in place on a terminal, printed as plain lines every
/// <paramref name="lineEvery"/> steps when the output is redirected (logs, CI).
/// </summary>
public sealed class ConsoleProgress(TextWriter output, bool interactive, int lineEvery = 10) : ITrainingObserver
{
    private int? firstStep;
    private double firstElapsed;

    public void Report(TrainingLogEntry entry)
    {
        var c = CultureInfo.InvariantCulture;
        switch (entry.Kind)
        {
            case "train":
                if (firstStep is null)
                {
                    // Rate from this session's steps only: a resumed run's earlier time says nothing about now.
                    firstStep = entry.Step;
                    firstElapsed = entry.ElapsedSeconds;
                }
                var done = entry.Step - firstStep.Value;
                var perStep = done > 0 ? (entry.ElapsedSeconds - firstElapsed) / done : 0;
                var eta = TimeSpan.FromSeconds(Math.Max(0, perStep * (entry.TotalSteps - entry.Step)));
                var line = string.Create(c, $"step {entry.Step}/{entry.TotalSteps}  loss {entry.Loss:F4}  lr {entry.LearningRate:E2}  {entry.TokensPerSecond:F0} tok/s  ETA {Duration(eta)}");
                if (interactive) output.Write($"\r{line,-100}");
                else if (entry.Step % lineEvery == 0 || entry.Step == entry.TotalSteps) output.WriteLine(line);
                break;
            case "eval":
                if (interactive) output.WriteLine();
                output.WriteLine(string.Create(c, $"step {entry.Step}: evaluation loss {entry.EvaluationLoss:F4}"));
                break;
            case "checkpoint":
                if (interactive) output.WriteLine();
                output.WriteLine($"step {entry.Step}: wrote {entry.Path}");
                break;
        }
    }

    /// <summary>hh:mm:ss, with the days in front past a day (a long pre-training run's ETA; hh alone wraps at 24).</summary>
    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span:hh\\:mm\\:ss}") : span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
