using NotaGen.Corpus.Output;
using NotaGen.Modeling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Data;
using NotaGen.Training.Logging;
using NotaGen.Training.Loop;
using NotaGen.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Training;

/// <summary>
/// A pre-training or fine-tuning run put together from a <see cref="TrainingConfig"/>: data, model (fresh, from
/// <c>init_from</c>, or from the run's own last checkpoint on resume), optimizer, schedule, checkpoints and logs.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly JsonLinesTrainingLog log;
    private readonly AdamW optimizer;

    private TrainingSession(TrainingConfig config, NotaGenModel model, AdamW optimizer, Trainer<PatchBatch> trainer,
        JsonLinesTrainingLog log, TrainingDataset train, TrainingDataset? validation)
    {
        Config = config;
        Model = model;
        this.optimizer = optimizer;
        Trainer = trainer;
        this.log = log;
        TrainSet = train;
        ValidationSet = validation;
    }

    public TrainingConfig Config { get; }

    public NotaGenModel Model { get; }

    public Trainer<PatchBatch> Trainer { get; }

    public TrainingDataset TrainSet { get; }

    public TrainingDataset? ValidationSet { get; }

    public string LogPath => log.Path;

    /// <summary>Builds the run; with <paramref name="resume"/> it continues from the run directory's <c>last.ckpt</c>.</summary>
    public static TrainingSession Open(TrainingConfig config, bool resume = false, ITrainingObserver? observer = null, Func<string, Stream>? openForWrite = null)
    {
        config.Validate();
        if (config.Stage == TrainingStages.Dpo)
            throw new ArgumentException("The dpo stage trains on preference pairs: use PreferenceSession.");
        var device = SessionSetup.Device(config);

        var trainPieces = CorpusReader.Read(config.Data, CorpusSplits.Train);
        var validationPieces = CorpusReader.Read(config.ValidationData ?? config.Data, CorpusSplits.Validation);

        var store = new CheckpointStore(config.Output, openForWrite);
        using var checkpoint = resume ? store.TryLoadLast() : null;
        if (resume && checkpoint is null)
            throw new ArgumentException($"--resume: {store.LastPath} does not exist.");
        var modelConfig = checkpoint?.ModelConfig ?? ModelConfigFor(config, trainPieces);

        torch.random.manual_seed(config.Seed);
        var model = NotaGenModel.Create(modelConfig, device, config.Seed);
        if (checkpoint is null && config.InitFrom is { } initFrom)
        {
            using var initial = TrainingCheckpoint.Read(initFrom);
            ModelWeights.Load(model, initial.Model, strict: false);
        }
        if (config.AdaptersOnly) model.FreezeBase();

        var encoder = SessionSetup.Encoder(modelConfig, KeyAugmentations.Get(config.Augmentation));
        var train = TrainingDataset.Create(trainPieces, encoder);
        var validation = validationPieces.Count > 0 ? TrainingDataset.Create(validationPieces, encoder) : null;
        var batcher = new TokenBudgetBatcher(config.BatchPatches, config.MaxBatchPieces, config.SortWindow);
        var source = new PatchBatchSource(train, encoder, batcher, config.Seed, device);
        var validationPlan = validation is null ? null : EpochPlan.ForEvaluation(validation, encoder, batcher);

        var optimizer = new AdamW(model.named_parameters(), config.Adamw);
        var settings = SessionSetup.Settings(config, modelConfig, config.EvaluateEvery);
        var (log, observers) = SessionSetup.RunRecords(config, observer);
        Func<IEnumerable<PatchBatch>>? validationBatches = validationPlan is null
            ? null
            : () => Enumerable.Range(0, validationPlan.Batches.Count).Select(b => PatchBatch.Create(validationPlan.PiecesOf(b), device));
        var trainer = new Trainer<PatchBatch>(settings, model, optimizer, new LanguageModelObjective(model), source, validationBatches, store, observers);
        if (checkpoint is not null) trainer.Restore(checkpoint);
        return new TrainingSession(config, model, optimizer, trainer, log, train, validation);
    }

    /// <summary>Trains to <paramref name="untilStep"/> (default: the configured steps).</summary>
    public TrainingState Run(int? untilStep = null, CancellationToken cancellation = default) =>
        Trainer.Run(untilStep ?? Config.Steps, cancellation);

    /// <summary>
    /// The preset or given model, with the configured style switches and dropout; a style vocabulary collected from
    /// the training labels (ordinal order) when the model uses style and knows no values.
    /// </summary>
    public static NotaGenConfig ModelConfigFor(TrainingConfig config, IReadOnlyList<CorpusPiece> trainPieces)
    {
        var model = config.Model ?? ModelPresets.Get(config.ModelPreset);
        if (config.Style is { } style) model = model with { Style = style };
        if (config.Dropout is { } dropout) model = model with { Dropout = dropout };
        if (new ModelConditioning(model).UsesLabels && model.Styles.Count == 3)
        {
            static IEnumerable<string> Values(IEnumerable<string?> values) =>
                values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var labels = trainPieces.Select(p => p.Labels).OfType<StylePrompt>().ToList();
            model = model with
            {
                Styles = StyleVocabulary.Create(Values(labels.Select(l => l.Period)), Values(labels.Select(l => l.Composer)), Values(labels.Select(l => l.Instrumentation))),
            };
        }
        return model.Validate();
    }

    public void Dispose()
    {
        log.Dispose();
        optimizer.Dispose();
        Model.Dispose();
    }
}
