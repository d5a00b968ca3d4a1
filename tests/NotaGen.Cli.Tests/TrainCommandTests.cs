using System.Globalization;
using System.Text.RegularExpressions;
using NotaGen.Corpus.Output;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Preference;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen train</c> as a user runs it: Ctrl-C mid-run, then <c>--resume</c>, for pre-training and DPO.</summary>
public sealed partial class TrainCommandTests
{
    private static readonly NotaGenConfig Micro = new() { Preset = "test", HiddenSize = 32, Heads = 2, PatchLayers = 1, CharLayers = 1, PatchLength = 32, Dropout = 0.1 };

    /// <summary>
    /// A constant learning rate (no warm-up, minimum ratio 1), so a run told to stop at step N follows the same schedule
    /// as the interrupted one told to go on for a million; dropout on, so the random state matters too.
    /// </summary>
    private static readonly TrainingConfig Endless = new()
    {
        Output = "run",
        Seed = 7,
        Steps = 1_000_000,
        LearningRate = 3e-3,
        WarmupSteps = 0,
        MinLearningRateRatio = 1,
        BatchPatches = 64,
        SortWindow = 4,
        EvaluateEvery = 0,
        CheckpointEvery = 0,
        Threads = 1,
    };

    [Fact]
    public void Ctrl_c_stops_pretraining_with_a_checkpoint_that_resume_continues_as_if_never_interrupted()
    {
        using var temp = new TempDirectory("train-interrupt");
        CorpusReader.Write(temp.File("corpus.jsonl"), Pieces());
        InterruptResumeAndCompare(temp, Endless with { Stage = TrainingStages.Pretrain, Model = Micro, Data = "corpus.jsonl" });
    }

    [Fact]
    public void Ctrl_c_stops_dpo_training_with_a_checkpoint_that_resume_continues_as_if_never_interrupted()
    {
        using var temp = new TempDirectory("dpo-train-interrupt");
        using (var model = NotaGenModel.Create(Micro, seed: 3))
        using (var checkpoint = new TrainingCheckpoint { State = new TrainingState(), ModelConfig = Micro, Model = ModelWeights.Copy(model) })
        using (var stream = File.Create(temp.File("policy.ckpt")))
            checkpoint.WriteTo(stream);
        var pieces = Pieces().ToList();
        PreferencePairs.Write(temp.File("pairs.jsonl"), pieces.Take(3).SelectMany(chosen => pieces.Skip(3).Select(rejected =>
            new PreferencePair { Prompt = chosen.Labels!.ToString(), Labels = chosen.Labels, Chosen = chosen.Abc, Rejected = rejected.Abc })));
        InterruptResumeAndCompare(temp, Endless with { Stage = TrainingStages.Dpo, InitFrom = "policy.ckpt", Dpo = new DpoConfig { Pairs = "pairs.jsonl" } });
    }

    /// <summary>
    /// Runs <paramref name="config"/> (output <c>run</c>), sends SIGINT after its 20th step, checks what it says and
    /// leaves, resumes it to 3 steps past the interruption, and compares the result with a run never interrupted.
    /// </summary>
    private static void InterruptResumeAndCompare(TempDirectory temp, TrainingConfig config)
    {
        File.WriteAllText(temp.File("train.json"), config.ToJson());

        // Redirected, the progress display prints a line every 10 steps: the interrupt comes after the 20th.
        var interrupted = Notagen.InterruptAfter(temp.Path, "step 20/", "train", "--config", "train.json");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        Assert.Matches(@"step 20/1000000 .* tok/s +ETA \d", interrupted.StandardOutput);
        var match = InterruptedAt().Match(interrupted.StandardError);
        Assert.True(match.Success, interrupted.StandardError);
        var step = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(step, 20, 999_999);
        Assert.Contains("--resume", interrupted.StandardError, StringComparison.Ordinal);
        Assert.Equal(["config.json", "last.ckpt", "log.jsonl"], Directory.GetFiles(temp.File("run")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var checkpoint = TrainingCheckpoint.Read(temp.File("run/last.ckpt")))
            Assert.Equal(step, checkpoint.State.Step);

        var target = (step + 3).ToString(CultureInfo.InvariantCulture);
        var resumed = Notagen.Run(temp.Path, "train", "--config", "train.json", "--resume", "--steps", target);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.Contains($"stopped at step {target};", resumed.StandardOutput, StringComparison.Ordinal);
        var straight = Notagen.Run(temp.Path, "train", "--config", "train.json", "--output", "straight", "--steps", target);
        Assert.True(straight.ExitCode == 0, straight.StandardError);

        // Weights, optimizer moments and random state: the same bits as a run that was never interrupted.
        var expected = Tensors(temp.File("straight/last.ckpt"));
        var actual = Tensors(temp.File("run/last.ckpt"));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(expected.Keys, k => k.StartsWith("optimizer/m/", StringComparison.Ordinal));
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.SequenceEqual(actual[name]), $"{name} differs after interrupt and resume");
    }

    private static Dictionary<string, byte[]> Tensors(string checkpoint)
    {
        using var reader = SafeTensorsReader.Open(checkpoint);
        return reader.ReadTensors().ToDictionary(e => e.Key, e =>
        {
            using var tensor = e.Value;
            return tensor.bytes.ToArray();
        });
    }

    /// <summary>Six four-bar two-voice pieces in NotaGen's training format, each different.</summary>
    private static IEnumerable<CorpusPiece> Pieces()
    {
        string[] melodies = ["G2 AB c2 d2", "e2 d2 B4", "c2 B2 A2 G2", "A2 Bc d2 e2", "d4 B2 G2", "F2 GA B2 c2"];
        string[] basses = ["G,4 D,4", "C,4 G,4", "D,4 D,,4", "E,4 C,4"];
        return Enumerable.Range(0, 6).Select(index =>
        {
            var bars = Enumerable.Range(0, 4).Select(bar =>
            {
                var barline = bar == 3 ? "|]" : "|";
                return $"[V:1]{melodies[(index + bar * (index % 3 + 1)) % melodies.Length]}{barline}[V:2]{basses[(index * 2 + bar) % basses.Length]}{barline}";
            });
            string[] header = ["%Baroque", "%Bach, Johann Sebastian", "%Keyboard", "%%score { 1 | 2 }", "L:1/8", "Q:1/4=96", "M:4/4", "K:G", "V:1 treble nm=\"Voice\"", "V:2 bass nm=\"Piano\""];
            return new CorpusPiece
            {
                Id = $"piece-{index}",
                Source = "test",
                Labels = new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"),
                Abc = string.Join('\n', header.Concat(bars)) + "\n",
                Licence = "CC0",
            };
        });
    }

    [GeneratedRegex(@"interrupted at step (\d+)/1000000")]
    private static partial Regex InterruptedAt();
}
