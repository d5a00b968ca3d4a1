using NotaGen.Modeling;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using NotaGen.Training.Data;
using NotaGen.Training.Logging;
using NotaGen.Training.Loop;
using NotaGen.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Training.Preference;

/// <summary>
/// One CLaMP-DPO iteration (reference e.3): the policy starts from <c>init_from</c>, the reference is a frozen copy of
/// the same weights, and the run trains on a preference set (<c>dpo.pairs</c>). The next iteration names this run's
/// <c>last.ckpt</c> as its <c>init_from</c>, which makes the new policy its reference.
/// </summary>
public sealed class PreferenceSession : IDisposable
{
    private readonly JsonLinesTrainingLog log;
    private readonly AdamW optimizer;
    private readonly NotaGenModel reference;

    private PreferenceSession(NotaGenModel policy, NotaGenModel reference, AdamW optimizer, Trainer<PreferenceBatch> trainer, JsonLinesTrainingLog log, TrainingConfig config, int pairCount)
    {
        Policy = policy;
        this.reference = reference;
        this.optimizer = optimizer;
        Trainer = trainer;
        this.log = log;
        Config = config;
        PairCount = pairCount;
    }

    public TrainingConfig Config { get; }

    public NotaGenModel Policy { get; }

    public Trainer<PreferenceBatch> Trainer { get; }

    public int PairCount { get; }

    public string LogPath => log.Path;

    public static PreferenceSession Open(TrainingConfig config, bool resume = false, ITrainingObserver? observer = null)
    {
        config.Validate();
        if (config.InitFrom is null) throw new ArgumentException("The dpo stage needs init_from: the model whose preferences it trains.");
        if (config.Dpo.Pairs is null) throw new ArgumentException("The dpo stage needs dpo.pairs: a JSON Lines preference set.");
        var device = SessionSetup.Device(config);

        using var initial = TrainingCheckpoint.Read(config.InitFrom);
        var store = new CheckpointStore(config.Output);
        using var checkpoint = resume ? store.TryLoadLast() ?? throw new ArgumentException($"--resume: {store.LastPath} does not exist.") : null;
        var modelConfig = initial.ModelConfig with { Dropout = config.Dropout ?? initial.ModelConfig.Dropout };

        torch.random.manual_seed(config.Seed);
        var policy = NotaGenModel.Create(modelConfig, device, config.Seed);
        ModelWeights.Load(policy, initial.Model, strict: true);
        if (config.AdaptersOnly) policy.FreezeBase();
        var reference = NotaGenModel.Create(modelConfig, device, config.Seed);
        ModelWeights.Load(reference, initial.Model, strict: true);
        foreach (var parameter in reference.parameters()) parameter.requires_grad = false;
        reference.eval();

        var encoder = SessionSetup.Encoder(modelConfig, NoKeyAugmentation.Instance);
        var pairs = PreferencePairs.Read(config.Dpo.Pairs);
        var source = new PreferencePairSource(pairs, encoder, config.Seed, device);

        var optimizer = new AdamW(policy.named_parameters(), config.Adamw);
        // No validation set: preference pairs are all there is.
        var settings = SessionSetup.Settings(config, modelConfig, evaluateEvery: 0);
        var (log, observers) = SessionSetup.RunRecords(config, observer);
        var trainer = new Trainer<PreferenceBatch>(settings, policy, optimizer, new DpoPositiveObjective(policy, reference, config.Dpo.Beta, config.Dpo.Lambda), source, null, store, observers);
        if (checkpoint is not null) trainer.Restore(checkpoint);
        return new PreferenceSession(policy, reference, optimizer, trainer, log, config, pairs.Count);
    }

    public TrainingState Run(int? untilStep = null, CancellationToken cancellation = default) =>
        Trainer.Run(untilStep ?? Config.Steps, cancellation);

    public void Dispose()
    {
        log.Dispose();
        optimizer.Dispose();
        Policy.Dispose();
        reference.Dispose();
    }
}
