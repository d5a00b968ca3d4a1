using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// <c>notagen figures --smoke</c> writes every figure with its data, and the same seed gives byte-identical data files.
/// Static SVG/PNG export is left out here (--no-static): it is covered by the chart export tests and costs a Chromium
/// start per image. The generation-speed CSV holds wall-clock measurements, so it is the one file not compared.
/// </summary>
public sealed class FiguresCommandTests
{
    [SkippableFact]
    public void Smoke_run_writes_the_figures_and_same_seed_gives_identical_csv()
    {
        SharedData.Require("corpus");
        var root = RepositoryRoot.Require();
        using var temp = new TempDirectory("notagen-figures");
        // A random-weight tiny model with a training log stands in for the bundled one, so generation stays quick.
        var modelDir = temp.File("model");
        using (var model = NotaGenModel.Create(ModelPresets.Get("tiny"), seed: 5))
            ModelDirectory.Save(model, modelDir);
        File.WriteAllLines(Path.Combine(modelDir, "log.jsonl"),
        [
            """{"kind":"train","step":1,"loss":4.5,"learning_rate":0.0001}""",
            """{"kind":"train","step":2,"loss":4.25,"learning_rate":0.0002}""",
        ]);

        string[] Run(string name)
        {
            var result = Notagen.Run(root, "figures", "--out", temp.File(name), "--smoke", "--no-static", "--model", modelDir, "--seed", "3");
            Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
            return Directory.GetFiles(temp.File(name), "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        }

        var first = Run("a");
        var second = Run("b");

        Assert.Equal(["bar-alignment.csv", "corpus-files.csv", "generated-validity.csv", "generation-speed.csv", "patch-lengths.csv", "training-curve.csv"], first);
        Assert.Equal(first, second);
        foreach (var name in first)
            Assert.True(File.Exists(temp.File(Path.Combine("a", Path.ChangeExtension(name, ".html")))), $"{name} has no HTML chart beside it");
        foreach (var name in first.Where(n => n != "generation-speed.csv"))
            Assert.Equal(File.ReadAllBytes(temp.File(Path.Combine("a", name))), File.ReadAllBytes(temp.File(Path.Combine("b", name))));
        // The data is real: the training curve holds the log's steps, the patch lengths count some patches.
        Assert.Equal("step,loss,learning_rate\n1,4.5,0.0001\n2,4.25,0.0002\n", File.ReadAllText(temp.File("a/training-curve.csv")));
        var patches = File.ReadAllLines(temp.File("a/patch-lengths.csv")).Skip(1).Sum(l => int.Parse(l.Split(',')[1]));
        Assert.True(patches > 0, "the patch-length figure counted no patches");
        // One bar-alignment row per generated piece, as many as the validity figure has.
        var alignment = File.ReadAllLines(temp.File("a/bar-alignment.csv"));
        Assert.Equal("piece,bars,bar_alignment_error", alignment[0]);
        Assert.Equal(File.ReadAllLines(temp.File("a/generated-validity.csv")).Length, alignment.Length);
    }
}
