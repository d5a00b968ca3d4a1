using System.Text.Json;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Testing;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Preference;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen dpo sample</c> as a user runs it, on a tiny random policy written as a training checkpoint.</summary>
public sealed class DpoCommandTests
{
    private static readonly NotaGenConfig Micro = new() { Preset = "micro", HiddenSize = 32, Heads = 2, PatchLayers = 1, CharLayers = 1, PatchLength = 32, Dropout = 0 };

    [Fact]
    public void Dpo_sample_decodes_with_the_chosen_constraint_none_by_default_and_records_it_in_every_pair()
    {
        using var temp = new TempDirectory();
        WritePolicy(temp.File("policy.ckpt"));
        string[] Arguments(string output) => ["dpo", "sample", "--checkpoint", "policy.ckpt", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard",
            "--samples-per-prompt", "4", "--portion", "0.5", "--scorer", "structure", "--max-patches", "16", "--threads", "1", "--seed", "5", "--out", output];

        var plain = Notagen.Run(temp.Path, Arguments("none.jsonl"));
        Assert.True(plain.ExitCode == 0, plain.StandardError + plain.StandardOutput);
        Assert.Contains("constraint none", plain.StandardOutput, StringComparison.Ordinal);
        var structured = Notagen.Run(temp.Path, [.. Arguments("structure.jsonl"), "--constraint", "structure"]);
        Assert.True(structured.ExitCode == 0, structured.StandardError + structured.StandardOutput);
        Assert.Contains("constraint structure", structured.StandardOutput, StringComparison.Ordinal);

        // Under the structure mask every piece of the random policy has aligned bars, so the scorer's filter lets some
        // through and there are pairs; each says which constraint sampled it.
        var pairs = PreferencePairs.Read(temp.File("structure.jsonl"));
        Assert.True(pairs.Count > 0, structured.StandardOutput);
        Assert.All(pairs, pair => Assert.Equal("structure", pair.Constraint));
        Assert.All(PreferencePairs.Read(temp.File("none.jsonl")), pair => Assert.Equal("none", pair.Constraint));
        Assert.All(File.ReadLines(temp.File("structure.jsonl")),
            line => Assert.Equal("structure", JsonDocument.Parse(line).RootElement.GetProperty("constraint").GetString()));

        var bad = Notagen.Run(temp.Path, [.. Arguments("bad.jsonl"), "--constraint", "strict"]);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.False(File.Exists(temp.File("bad.jsonl")));
    }

    [Fact]
    public void Ctrl_c_keeps_the_pairs_of_the_prompts_sampled_in_full_the_same_as_a_run_over_those_prompts_alone()
    {
        using var temp = new TempDirectory("dpo-interrupt");
        WritePolicy(temp.File("policy.ckpt"));
        string[] Arguments(int prompts, string output) =>
        [
            "dpo", "sample", "--checkpoint", "policy.ckpt", .. Enumerable.Repeat<string[]>(["--prompt", "Baroque/Bach, Johann Sebastian/Keyboard"], prompts).SelectMany(a => a),
            "--samples-per-prompt", "4", "--portion", "0.5", "--scorer", "structure", "--constraint", "structure", "--max-patches", "16", "--threads", "1", "--seed", "5", "--out", output,
        ];

        // 200 prompts take many minutes; the interrupt comes once the second prompt is under way.
        var interrupted = Notagen.InterruptAfter(temp.Path, "prompt 2/200, piece 1/4", Arguments(200, "pairs.jsonl"));
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        var match = System.Text.RegularExpressions.Regex.Match(interrupted.StandardError, @"interrupted during prompt (\d+)/200, whose pieces are not paired");
        Assert.True(match.Success, interrupted.StandardError);
        var complete = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
        Assert.InRange(complete, 1, 199);
        Assert.Contains($"holds the pairs of the {complete} prompt(s) sampled in full", interrupted.StandardError, StringComparison.Ordinal);

        // The file is whole (every line a pair) and is exactly what a run over the finished prompts alone writes: the
        // piece cut off mid-sampling and the rest of its prompt are in no pair.
        var pairs = PreferencePairs.Read(temp.File("pairs.jsonl"));
        Assert.NotEmpty(pairs);
        Assert.Equal(["pairs.jsonl", "policy.ckpt"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var alone = Notagen.Run(temp.Path, Arguments(complete, "alone.jsonl"));
        Assert.True(alone.ExitCode == 0, alone.StandardError);
        Assert.Equal(File.ReadAllText(temp.File("alone.jsonl")), File.ReadAllText(temp.File("pairs.jsonl")));
    }

    private static void WritePolicy(string path)
    {
        using var model = NotaGenModel.Create(Micro, seed: 3);
        using var checkpoint = new TrainingCheckpoint { State = new TrainingState(), ModelConfig = Micro, Model = ModelWeights.Copy(model) };
        using var stream = File.Create(path);
        checkpoint.WriteTo(stream);
    }
}
