using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.IO;
using NotaGen.Tokenization;
using NotaGen.Training.Configuration;
using NotaGen.Training.Data;
using NotaGen.Training.Logging;
using NotaGen.Training.Loop;
using NotaGen.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Training;

/// <summary>
/// What every kind of run (pre-training, fine-tuning, DPO) sets up the same way, so a setting means the same in each:
/// threads and device, the piece encoder of a model, the trainer's settings, and the run directory's config and log.
/// </summary>
internal static class SessionSetup
{
    /// <summary>Applies the configured torch threads and returns the configured device.</summary>
    public static Device Device(TrainingConfig config)
    {
        if (config.Threads is { } threads) torch.set_num_threads(threads);
        return config.Device == "cuda" ? CUDA : CPU;
    }

    /// <summary>The encoder for a model: its patch length, its style vocabulary when it uses style, its prompt-line switch.</summary>
    public static PieceEncoder Encoder(NotaGenConfig modelConfig, IKeyAugmentation augmentation)
    {
        var conditioning = new ModelConditioning(modelConfig);
        return new PieceEncoder(new BarPatchTokenizer(modelConfig.PatchLength), augmentation, conditioning.Vocabulary, conditioning.ReadsPromptLines);
    }

    public static TrainerSettings Settings(TrainingConfig config, NotaGenConfig modelConfig, int evaluateEvery) => new()
    {
        Schedule = new LearningRateSchedule(config.LearningRate, config.WarmupSteps, config.Steps, config.MinLearningRateRatio),
        GradientAccumulation = config.GradientAccumulation,
        GradientClip = config.GradientClip,
        EvaluateEvery = evaluateEvery,
        CheckpointEvery = config.CheckpointEvery,
        ModelConfig = modelConfig,
        TrainingConfigJson = config.ToJson(),
    };

    /// <summary>Writes the run's config.json and opens its log.jsonl; the observers are the log and the caller's observer.</summary>
    public static (JsonLinesTrainingLog Log, ITrainingObserver Observers) RunRecords(TrainingConfig config, ITrainingObserver? observer)
    {
        AtomicFile.WriteAllText(Path.Combine(config.Output, "config.json"), config.ToJson());
        var log = new JsonLinesTrainingLog(Path.Combine(config.Output, "log.jsonl"));
        return (log, observer is null ? log : new ObserverList([log, observer]));
    }
}
