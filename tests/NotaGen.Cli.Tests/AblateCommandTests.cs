using NotaGen.Evaluation.Runner;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen ablate</c> as a user runs it: Ctrl-C mid-grid, then the same command again.</summary>
public sealed class AblateCommandTests
{
    [Fact]
    public void Ctrl_c_keeps_the_finished_cells_and_the_rerun_ends_as_a_run_never_interrupted()
    {
        using var temp = new TempDirectory("ablate-interrupt");
        using (var model = NotaGenModel.Create(new NotaGenConfig { Preset = "micro", HiddenSize = 32, Heads = 2, PatchLayers = 1, CharLayers = 1, PatchLength = 32, Dropout = 0 }, seed: 1))
            ModelDirectory.Save(model, temp.File("model"));
        string[] Arguments(string output) =>
        [
            "ablate", "--model", "model", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard", "--grid", "temperature=0.8,1.0,1.2,1.4,1.6,1.8",
            "--samples-per-cell", "1", "--seed", "3", "--max-patches", "8", "--threads", "1", "--no-static", "--out", output,
        ];

        // Each finished cell logs "KEY: 1 pieces"; the interrupt comes after the first.
        var interrupted = Notagen.InterruptAfter(temp.Path, ": 1 pieces", Arguments("run"));
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        Assert.Contains("interrupted;", interrupted.StandardError, StringComparison.Ordinal);
        Assert.Contains("the same command resumes", interrupted.StandardError, StringComparison.Ordinal);
        var done = Directory.GetDirectories(temp.File("run/cells")).Where(d => File.Exists(Path.Combine(d, "done"))).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(done.Count, 1, 5);
        // results.csv lists exactly the finished cells; the cell in hand has no done and no row.
        Assert.Equal(done, AblationResults.Read(temp.File("run/results.csv")).Select(r => r.Cell).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(temp.File("run/parses-by-temperature.html")), "figures were drawn for a partial grid");

        var resumed = Notagen.Run(temp.Path, Arguments("run"));
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.Equal(done.Count, resumed.StandardOutput.Split('\n').Count(l => l.EndsWith(": done before, skipped", StringComparison.Ordinal)));
        var straight = Notagen.Run(temp.Path, Arguments("straight"));
        Assert.True(straight.ExitCode == 0, straight.StandardError);
        Assert.Equal(File.ReadAllText(temp.File("straight/results.csv")), File.ReadAllText(temp.File("run/results.csv")));
    }
}
