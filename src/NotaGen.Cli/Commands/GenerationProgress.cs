using System.Diagnostics;
using NotaGen.Generation;

namespace NotaGen.Cli.Commands;

/// <summary>
/// A progress line per finished bar of the piece being written (a body line ends with a newline): bar number (of the
/// requested count when one is fixed), elapsed time and characters per second. On a terminal the line is rewritten
/// in place; redirected, each bar gets its own line.
/// </summary>
internal sealed class GenerationProgress(TextWriter output, bool interactive, string label, int? bars)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int finishedBars;
    private long characters;

    public void OnPatch(PatchStreamEvent patch)
    {
        characters += patch.Text.Length;
        if (!patch.InBody || !patch.Text.Contains('\n'))
            return;
        finishedBars++;
        var seconds = clock.Elapsed.TotalSeconds;
        var of = bars is { } n ? $"/{n}" : "";
        var line = $"{label}: bar {finishedBars}{of}  {seconds,6:0.0} s  {characters / Math.Max(seconds, 1e-9),6:0} chars/s";
        if (interactive)
            output.Write($"\r{line}   ");
        else
            output.WriteLine(line);
    }

    /// <summary>Ends an in-place line so the next output starts on its own line.</summary>
    public void Finish()
    {
        if (interactive && finishedBars > 0)
            output.WriteLine();
    }
}
