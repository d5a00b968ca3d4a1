using NotaGen.Modeling.Weights;
using NotaGen.Testing;
using NotaGen.Training;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Logging;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void A_tiny_run_on_four_pieces_overfits()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 4, validation: 0);
        var config = TrainingFixtures.Config(corpus, directory.File("run")) with { Steps = 120, Dropout = 0, LearningRate = 3e-3, WarmupSteps = 10, BatchPatches = 256 };

        using var session = TrainingSession.Open(config);
        session.Run();

        var losses = JsonLinesTrainingLog.Read(session.LogPath).Where(e => e.Kind == "train").Select(e => e.Loss!.Value).ToList();
        Assert.Equal(120, losses.Count);
        Assert.True(losses[0] > 3.0, $"an untrained model should be near ln(128) = 4.85, got {losses[0]}");
        // Four 4-bar pieces memorised: the last updates' loss is a small fraction of the start.
        var final = losses.TakeLast(5).Average();
        Assert.True(final < 0.3, $"final training loss {final:F3} (first {losses[0]:F3})");
    }

    [Fact]
    public void Ten_steps_equal_five_plus_resume_plus_five_bit_for_bit()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 7, validation: 2);
        // Dropout on and two micro-batches per update, so the random state and the data position both matter.
        var straightConfig = TrainingFixtures.Config(corpus, directory.File("straight")) with { GradientAccumulation = 2, EvaluateEvery = 3 };
        var splitConfig = straightConfig with { Output = directory.File("split") };

        Dictionary<string, Tensor> straight;
        using (var session = TrainingSession.Open(straightConfig))
        {
            session.Run();
            straight = CheckpointStore_Last(straightConfig.Output);
        }
        using (var first = TrainingSession.Open(splitConfig))
            Assert.Equal(5, first.Run(untilStep: 5).Step);
        Dictionary<string, Tensor> resumed;
        using (var second = TrainingSession.Open(splitConfig, resume: true))
        {
            Assert.Equal(5, second.Trainer.State.Step);
            Assert.Equal(10, second.Run().Step);
            resumed = CheckpointStore_Last(splitConfig.Output);
        }

        Assert.Equal(straight.Keys.Order(), resumed.Keys.Order());
        Assert.Contains(straight.Keys, k => k.StartsWith("optimizer/m/", StringComparison.Ordinal));
        foreach (var (name, tensor) in straight)
            Assert.True(tensor.bytes.SequenceEqual(resumed[name].bytes), $"{name} differs after resume");

        var straightLog = JsonLinesTrainingLog.Read(Path.Combine(straightConfig.Output, "log.jsonl")).Where(e => e.Kind is "train" or "eval").ToList();
        var splitLog = JsonLinesTrainingLog.Read(Path.Combine(splitConfig.Output, "log.jsonl")).Where(e => e.Kind is "train" or "eval").ToList();
        Assert.Equal(straightLog.Select(e => (e.Kind, e.Step, e.Loss, e.EvaluationLoss, e.LearningRate)), splitLog.Select(e => (e.Kind, e.Step, e.Loss, e.EvaluationLoss, e.LearningRate)));
    }

    /// <summary>Every tensor of a run's last checkpoint, read back from the file (model, optimizer, random state).</summary>
    private static Dictionary<string, Tensor> CheckpointStore_Last(string output)
    {
        using var reader = SafeTensorsReader.Open(Path.Combine(output, CheckpointStore.LastName));
        return reader.ReadTensors();
    }

    [Fact]
    public void The_log_has_step_losses_rate_throughput_and_elapsed_time()
    {
        using var directory = new TempDirectory();
        var corpus = TrainingFixtures.WriteCorpus(directory.Path, train: 4, validation: 2);
        var config = TrainingFixtures.Config(corpus, directory.File("run")) with { Steps = 4, EvaluateEvery = 2 };
        using var session = TrainingSession.Open(config);
        session.Run();

        var entries = JsonLinesTrainingLog.Read(session.LogPath);
        var train = entries.Where(e => e.Kind == "train").ToList();
        Assert.Equal([1, 2, 3, 4], train.Select(e => e.Step));
        Assert.All(train, e =>
        {
            Assert.True(e.Loss > 0 && e.LearningRate > 0 && e.TokensPerSecond > 0 && e.Tokens > 0 && e.ElapsedSeconds > 0);
        });
        Assert.True(train[1].Tokens > train[0].Tokens);
        Assert.Equal([2, 4], entries.Where(e => e.Kind == "eval").Select(e => e.Step));
        Assert.Contains(entries, e => e.Kind == "checkpoint" && e.Path!.EndsWith(CheckpointStore.BestName, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(config.Output, CheckpointStore.LastName)));
    }
}
