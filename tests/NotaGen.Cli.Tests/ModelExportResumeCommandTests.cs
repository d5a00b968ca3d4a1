using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Testing;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Optimization;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen model export --checkpoint CKPT --format notagen-pth --with-optimizer</c> as a user runs it.</summary>
public sealed class ModelExportResumeCommandTests
{
    private static NotaGenConfig Small => new() { HiddenSize = 64, Heads = 1, PatchLayers = 1, CharLayers = 1, PatchLength = 8, Dropout = 0 };

    /// <summary>A training checkpoint after one AdamW update (or, without the optimizer, a weights-only one).</summary>
    private static void SaveCheckpoint(string directory, bool withOptimizer)
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(Small, seed: 2);
        using var optimizer = new AdamW(model.named_parameters(), new AdamWOptions()) { LearningRate = 1e-3 };
        model.Loss(randint(3, 128, [1, 4, 16], generator: new Generator(4))).backward();
        optimizer.Step();
        using var checkpoint = new TrainingCheckpoint
        {
            State = new TrainingState { Step = 1 },
            ModelConfig = Small,
            TrainingConfigJson = new TrainingConfig { Data = "d.jsonl", Output = "run" }.ToJson(),
            Model = ModelWeights.Copy(model),
            Optimizer = withOptimizer ? optimizer.StateTensors() : [],
            OptimizerSteps = 1,
        };
        new CheckpointStore(directory).SaveLast(checkpoint);
    }

    [Fact]
    public void A_training_checkpoint_exports_with_its_optimizer_and_the_file_imports_back()
    {
        using var temp = new TempDirectory();
        SaveCheckpoint(temp.File("run"), withOptimizer: true);
        var export = Notagen.Run(temp.Path, "model", "export", "--checkpoint", "run/last.ckpt", "--format", "notagen-pth", "--with-optimizer", "--out", "resume.pth");
        Assert.True(export.ExitCode == 0, export.StandardError);
        Assert.Contains("'optimizer', 'lr_sched'", export.StandardOutput);
        var import = Notagen.Run(temp.Path, "model", "import", "resume.pth", "--out", "back");
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.Contains("checkpoint, model entry", import.StandardOutput);
        Assert.Contains("`optimizer`, `lr_sched`, `epoch`, `best_epoch`, `min_eval_loss`", File.ReadAllText(temp.File("back/README.md")));
    }

    [Fact]
    public void Without_optimizer_state_the_export_is_refused_naming_what_is_missing_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        SaveCheckpoint(temp.File("run"), withOptimizer: false);
        var weightsOnly = Notagen.Run(temp.Path, "model", "export", "--checkpoint", "run/last.ckpt", "--format", "notagen-pth", "--with-optimizer", "--out", "x.pth");
        Assert.Equal(1, weightsOnly.ExitCode);
        Assert.Contains("last.ckpt: no optimizer state", weightsOnly.StandardError);

        // A model directory never holds optimizer state: the message says which file does.
        var model = Path.Combine(RepositoryRoot.Require(), "data", "models", "default");
        var directory = Notagen.Run(temp.Path, "model", "export", model, "--format", "notagen-pth", "--with-optimizer", "--out", "x.pth");
        Assert.Equal(2, directory.ExitCode);
        Assert.Contains("a model directory holds no optimizer state", directory.StandardError);
        Assert.Contains("--checkpoint RUN/last.ckpt", directory.StandardError);
        Assert.False(File.Exists(temp.File("x.pth")));
    }
}
