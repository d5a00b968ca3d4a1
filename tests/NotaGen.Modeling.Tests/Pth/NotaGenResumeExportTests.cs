using System.Globalization;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Testing;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Data;
using NotaGen.Training.Optimization;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Pth;

/// <summary>
/// A training checkpoint of ours exported with its AdamW state (<c>--with-optimizer</c>) and resumed by NotaGen's own
/// code as its training script does with LOAD_FROM_CHECKPOINT (<c>notagen_resume.py</c> beside this file).
/// </summary>
public sealed class NotaGenResumeExportTests(ITestOutputHelper output)
{
    // heads = hidden / 64, as NotaGen builds its configs; 2 + 1 layers, 8 patches.
    private static NotaGenConfig Small => new() { HiddenSize = 64, Heads = 1, PatchLayers = 2, CharLayers = 1, PatchLength = 8, Dropout = 0 };

    private static readonly AdamWOptions Adamw = new() { Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-7, WeightDecay = 0.05 };

    /// <summary>Three AdamW updates of a small model on random patches, saved as <c>notagen train</c> saves them.</summary>
    private static string TrainedCheckpoint(TempDirectory directory, bool withOptimizer = true)
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(Small, seed: 5);
        using var optimizer = new AdamW(model.named_parameters(), Adamw) { LearningRate = 3e-4 };
        var generator = new Generator(11);
        for (var step = 0; step < 3; step++)
        {
            using var stepScope = NewDisposeScope();
            var patches = randint(3, 128, [2, 6, 16], generator: generator);
            optimizer.ZeroGrad();
            model.Loss(patches).backward();
            optimizer.Step();
        }
        var training = new TrainingConfig { Data = "train.jsonl", Output = "run", LearningRate = 3e-4, Adamw = Adamw };
        using var checkpoint = new TrainingCheckpoint
        {
            State = new TrainingState { Step = 3, Position = new DataPosition(2, 1), BestEvaluationLoss = 1.625, BestStep = 3 },
            ModelConfig = Small,
            TrainingConfigJson = training.ToJson(),
            Model = ModelWeights.Copy(model),
            Optimizer = withOptimizer ? optimizer.StateTensors() : [],
            OptimizerSteps = 3,
        };
        new CheckpointStore(directory.Path).SaveLast(checkpoint);
        return Path.Combine(directory.Path, CheckpointStore.LastName);
    }

    [Fact]
    public void NotaGens_training_script_resumes_from_the_export_with_our_moments_and_takes_an_adamw_step()
    {
        var python = ExternalTool.RequirePythonModule("torch", "python3-torch");
        var oracleDirectory = SharedData.Require(Path.Combine("reference", "notagen-pytorch"));
        var script = Path.Combine(RepositoryRoot.Require(), "tests", "NotaGen.Modeling.Tests", "Pth", "notagen_resume.py");
        using var directory = new TempDirectory();
        var ours = TrainedCheckpoint(directory);
        using (var stored = TrainingCheckpoint.Read(ours))
            NotaGenResumeExport.Write(stored, ours, directory.File("resume.pth"));

        string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var result = ExternalTool.Run(python,
            [script, oracleDirectory, directory.File("resume.pth"), ours, "--hidden", "64", "--patch-layers", "2", "--char-layers", "1",
             "--patch-length", "8", "--lr", F(3e-4), "--betas", F(Adamw.Beta1), F(Adamw.Beta2), "--eps", F(Adamw.Epsilon),
             "--weight-decay", F(Adamw.WeightDecay), "--steps", "3", "--epoch", "2", "--min-eval-loss", F(1.625)],
            directory.Path, TimeSpan.FromMinutes(3));
        output.WriteLine(result.StandardOutput + result.StandardError);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("\"failures\": []", result.StandardOutput);
        // Every parameter's moments but those of the patch level's unused 1×H wte, which no gradient reaches.
        Assert.Contains($"\"moments_equal\": {ParameterNames().Count - 1}", result.StandardOutput);
        Assert.Contains("\"without_state\": [\"patch_level_decoder.base.wte.weight\"]", result.StandardOutput);
    }

    [Fact]
    public void The_export_is_laid_out_as_torch_writes_adamw_and_our_importer_reads_its_model_entry()
    {
        using var directory = new TempDirectory();
        var ours = TrainedCheckpoint(directory);
        using (var stored = TrainingCheckpoint.Read(ours))
            NotaGenResumeExport.Write(stored, ours, directory.File("resume.pth"));
        using var exported = PthCheckpoint.Open(directory.File("resume.pth"));
        Assert.Equal(["optimizer", "lr_sched", "epoch", "best_epoch", "min_eval_loss"], exported.OtherEntries);
        using var model = NotaGenPthImport.Load(exported, NotaGenPthImport.InferConfig(exported));
        using var stored2 = TrainingCheckpoint.Read(ours);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(parameter.eq(stored2.Model[name]).all().item<bool>(), $"{name} differs");
    }

    [Fact]
    public void A_checkpoint_without_optimizer_state_is_refused_and_nothing_is_written()
    {
        using var directory = new TempDirectory();
        var ours = TrainedCheckpoint(directory, withOptimizer: false);
        using var stored = TrainingCheckpoint.Read(ours);
        var error = Assert.Throws<InvalidOperationException>(() => NotaGenResumeExport.Write(stored, ours, directory.File("resume.pth")));
        Assert.Contains(ours, error.Message);
        Assert.Contains("no optimizer state", error.Message);
        Assert.False(File.Exists(directory.File("resume.pth")));
    }

    [Fact]
    public void The_scheduler_state_is_that_of_notagens_constant_warmup_after_as_many_updates()
    {
        var early = NotaGenResumeExport.SchedulerState(1e-4, 250);
        Assert.True(early.TryGet("_last_lr", out var rate));
        Assert.Equal(1e-4 * 0.25, Assert.Single((List<object?>)rate!));
        Assert.True(early.TryGet("_step_count", out var count));
        Assert.Equal(251L, count);
        var late = NotaGenResumeExport.SchedulerState(1e-4, 5000);
        Assert.True(late.TryGet("_last_lr", out var lateRate));
        Assert.Equal(1e-4, Assert.Single((List<object?>)lateRate!));
    }

    private static List<string> ParameterNames()
    {
        using var model = NotaGenModel.Create(Small, META);
        return model.named_parameters().Select(p => p.name).ToList();
    }
}
