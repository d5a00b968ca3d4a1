using System.Diagnostics;
using System.Globalization;
using NotaGen.Corpus.Building;
using NotaGen.Evaluation.Style;

namespace NotaGen.Cli.Commands;

/// <summary>
/// One overwritten stderr line per stage of a long command: items done of all, rate and ETA, at most two updates a
/// second (the first and the last of a stage always, so a stage that ends quickly still shows). Thread-safe: parallel
/// loops report from their workers. The rate counts from the first report of a stage, which is when its clock starts.
/// </summary>
internal sealed class RateProgress(TextWriter output) : IProgress<StyleProgress>, IProgress<BuildProgress>
{
    private readonly Lock gate = new();
    private readonly Stopwatch clock = new();
    private long lastShown;
    private int firstDone;
    private bool lineOpen;

    /// <summary>The stage reported last (null before the first report): what an interrupt stopped.</summary>
    public string? Stage { get; private set; }

    public void Report(StyleProgress value) => Report(value.Stage, value.Unit, value.Done, value.Total);

    public void Report(BuildProgress value) => Report("corpus", "files", value.FilesDone, value.FilesTotal);

    /// <param name="detail">Appended after the ETA (e.g. a running mean), or null.</param>
    public void Report(string stage, string unit, int done, int total, string? detail = null)
    {
        lock (gate)
        {
            if (stage != Stage)
            {
                if (lineOpen) output.WriteLine();
                lineOpen = true;
                Stage = stage;
                firstDone = done;
                clock.Restart();
                output.Write($"\r{stage}: {done}/{total} {unit}{detail}   ");
                lastShown = 0;
                return;
            }
            var now = clock.ElapsedMilliseconds;
            if (done < total && now - lastShown < 500) return;
            lastShown = now;
            lineOpen = true;
            var rate = (done - firstDone) / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            var eta = rate > 0 ? Duration(TimeSpan.FromSeconds((total - done) / rate)) : "--:--";
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r{stage}: {done}/{total} {unit}, {rate:F1} {unit}/s, ETA {eta}{detail}   "));
        }
    }

    /// <summary>A line of its own (a log line between stages), after the progress line in place is ended.</summary>
    public void Line(string text)
    {
        lock (gate)
        {
            Finish();
            output.WriteLine(text);
        }
    }

    /// <summary>Ends the line in place, so that what follows starts on a line of its own.</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (lineOpen) output.WriteLine();
            lineOpen = false;
        }
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span:mm\\:ss}")
        : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
