using System.Globalization;
using NotaGen.Evaluation.Runner;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen ablate</c> draws its grid beside results.csv: each metric by temperature and a top_k × top_p heatmap, with the data as CSV.</summary>
public sealed class AblateFiguresTests
{
    [Fact]
    public void Ablate_writes_figures_whose_data_are_the_cells_of_results_csv()
    {
        using var temp = new TempDirectory();
        using (var model = NotaGenModel.Create(new NotaGenConfig { Preset = "micro", HiddenSize = 32, Heads = 2, PatchLayers = 1, CharLayers = 1, PatchLength = 32, Dropout = 0 }, seed: 1))
            ModelDirectory.Save(model, temp.File("model"));
        var run = Notagen.Run(temp.Path, "ablate", "--model", "model", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard",
            "--grid", "top_k=5,9;top_p=0.9,0.95;temperature=1.2,2.2", "--samples-per-cell", "1", "--seed", "3", "--max-patches", "4",
            "--threads", "1", "--out", "run", "--no-static");
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        Assert.Contains("figure files (HTML and CSV data)", run.StandardOutput, StringComparison.Ordinal);

        var results = AblationResults.Read(temp.File("run/results.csv"));
        Assert.Equal(8, results.Count);
        foreach (var name in new[] { "parses-by-temperature", "parses-heatmap-t1.2", "bar_alignment_error-by-temperature" })
            Assert.True(File.Exists(temp.File($"run/{name}.html")) && File.Exists(temp.File($"run/{name}.csv")), $"{name} is missing");
        Assert.False(File.Exists(temp.File("run/parses-by-temperature.png")), "--no-static wrote a PNG");

        // One prompt: each cell's point is its results.csv row.
        var lines = File.ReadAllLines(temp.File("run/parses-by-temperature.csv"));
        Assert.Equal("order,top_k,top_p,temperature,parses", lines[0]);
        Assert.Equal(8, lines.Length - 1);
        foreach (var row in results)
        {
            var expected = string.Create(CultureInfo.InvariantCulture, $"notagen,{row.TopK},{row.TopP:R},{row.Temperature:R},{row.Metrics["parses"]:R}");
            Assert.Contains(expected, lines);
        }
        var heatmap = File.ReadAllLines(temp.File("run/parses-heatmap-t1.2.csv"));
        Assert.Equal(4, heatmap.Length - 1);
        Assert.All(heatmap.Skip(1), l => Assert.Equal("1.2", l.Split(',')[3]));
    }
}
