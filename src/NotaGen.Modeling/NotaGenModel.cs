using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling;

/// <summary>
/// NotaGen's <c>NotaGenLMHeadModel</c>: the patch-level decoder and the character-level decoder (keys
/// <c>patch_level_decoder.*</c>, <c>char_level_decoder.*</c>), NotaGen's training loss, and the pieces generation
/// needs (caches at both levels). Build one with <see cref="Create"/>.
/// </summary>
public sealed class NotaGenModel : ExplicitModule
{
    private readonly PatchLevelDecoder patchLevel;
    private readonly CharLevelDecoder charLevel;

    private NotaGenModel(NotaGenConfig config, ParameterInit init) : base(nameof(NotaGenModel))
    {
        Config = config;
        patchLevel = new PatchLevelDecoder(config, init);
        charLevel = new CharLevelDecoder(config, init);
        register_module("patch_level_decoder", patchLevel);
        register_module("char_level_decoder", charLevel);
    }

    public NotaGenConfig Config { get; }

    public PatchLevelDecoder PatchLevel => patchLevel;

    public CharLevelDecoder CharLevel => charLevel;

    /// <summary>The device the parameters live on.</summary>
    public Device Device => patchLevel.Transformer.TokenEmbedding.device;

    /// <summary>
    /// A freshly initialised model (GPT-2 init, drawn from a generator seeded with <paramref name="seed"/>). On
    /// <c>torch.META</c> nothing is allocated (for counting parameters of the big presets).
    /// </summary>
    public static NotaGenModel Create(NotaGenConfig config, Device? device = null, long seed = 0)
    {
        config.Validate();
        device ??= CPU;
        using var generator = device.type == DeviceType.META ? null : new Generator((ulong)seed, device);
        // Built in a scope of its own so initialisation temporaries are freed, and the parameters detached from it so
        // the model outlives any scope the caller is in.
        using var scope = NewDisposeScope();
        var model = new NotaGenModel(config, new ParameterInit(device, generator));
        foreach (var parameter in model.parameters()) parameter.DetachFromDisposeScope();
        return model;
    }

    /// <summary>Style tensors for a batch (null when the model has no style mechanism).</summary>
    public StyleContext? StyleFor(IReadOnlyList<StyleRows>? labels) => StyleContext.CreateIfUsed(Config, labels, Device);

    /// <summary>
    /// Teacher-forced character predictions for a batch, as NotaGen trains: hidden states of patches 0..L−2 predict
    /// patches 1..L−1 (the BOS patch is never a target). patches: [B, L, 16] long; mask: [B, L] (1 = real patch) or
    /// null; styles: one label per row or null. <paramref name="patchSamples"/> &gt; 0 keeps that many random pairs
    /// (NotaGen's PATCH_SAMPLING_BATCH_SIZE), drawn from <paramref name="generator"/>.
    /// </summary>
    public CharPredictions Predict(Tensor patches, Tensor? mask = null, IReadOnlyList<StyleRows>? styles = null,
        int patchSamples = 0, Generator? generator = null, AttentionCapture? capture = null)
    {
        var (batch, length) = (patches.shape[0], patches.shape[1]);
        using var style = StyleFor(styles);
        var hidden = patchLevel.forward(patches, mask, style, null, capture);       // [B, L, H]

        var real = mask?.to(ScalarType.Bool) ?? ones(batch, length, ScalarType.Bool, patches.device);
        var realLong = real.to(ScalarType.Int64);
        // Sources: every real patch but the last real one; targets: every real patch but the first real one.
        var isSource = real.logical_and(realLong.flip(1).cumsum(1).flip(1).gt(1)).view(-1);
        var isTarget = real.logical_and(realLong.cumsum(1).gt(1)).view(-1);
        var sources = isSource.nonzero().squeeze(1);                                  // [N]
        var targets = isTarget.nonzero().squeeze(1);                                  // [N]
        if (sources.shape[0] == 0)
            throw new ArgumentException("Nothing to predict: every piece needs at least two real patches (BOS and one more).", nameof(patches));
        if (patchSamples > 0 && sources.shape[0] > patchSamples)
        {
            var keep = randperm(sources.shape[0], generator: generator, device: patches.device).narrow(0, 0, patchSamples).sort().Values;
            (sources, targets) = (sources.index_select(0, keep), targets.index_select(0, keep));
        }
        var states = hidden.reshape(batch * length, -1).index_select(0, sources);    // [N, H]
        var targetPatches = patches.reshape(batch * length, -1).index_select(0, targets); // [N, 16]
        var logits = charLevel.forward(states, targetPatches, capture);               // [N, 16, V]
        var labels = targetPatches.masked_fill(targetPatches.eq(0), CharPredictions.IgnoredLabel);
        return new CharPredictions(logits, labels, sources.div(length, rounding_mode: RoundingMode.floor));
    }

    /// <summary>NotaGen's training loss: mean next-character cross-entropy over all non-PAD characters (EOS included).</summary>
    public Tensor Loss(Tensor patches, Tensor? mask = null, IReadOnlyList<StyleRows>? styles = null) =>
        Predict(patches, mask, styles).Loss();

    /// <summary>Summed character log-probabilities of each piece of the batch, [B] (for DPO-style training).</summary>
    public Tensor SequenceLogProbabilities(Tensor patches, Tensor? mask = null, IReadOnlyList<StyleRows>? styles = null) =>
        Predict(patches, mask, styles).SequenceLogProbabilities(patches.shape[0]);

    /// <summary>
    /// Attention weights of every layer and head at both levels for one piece (patches: [1, L, 16]): patch level
    /// [1, heads, L, L] per layer; character level [L − 1, heads, 16, 16] per layer (one row per predicted patch).
    /// Runs in eval mode without gradients; restores the training flag.
    /// </summary>
    public AttentionCapture CaptureAttention(Tensor patches, StyleRows? style = null)
    {
        var wasTraining = training;
        eval();
        var capture = new AttentionCapture();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Predict(patches, null, style is { } s ? [s] : null, capture: capture);
        }
        finally
        {
            if (wasTraining) train();
        }
        return capture;
    }

    /// <summary>An empty patch-level cache (feed it with <see cref="PatchLevelDecoder.forward"/>).</summary>
    /// <remarks>Buffers start at 256 patches and double as needed, so short pieces and batches do not reserve the whole context.</remarks>
    public DecoderCache NewPatchCache() => new(Config.PatchLayers, Math.Min(Config.PatchLength, 256));

    /// <summary>An empty character-level cache for one patch.</summary>
    public DecoderCache NewCharCache() => charLevel.NewCache();

    /// <summary>Parameters of the style adapters (keys containing <c>.adapter.</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> AdapterParameters() =>
        named_parameters().Where(p => IsAdapter(p.name)).Select(p => (p.name, p.parameter));

    /// <summary>Parameters of the style tables (style embeddings and the style attention bias).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> StyleTableParameters() =>
        named_parameters().Where(p => p.name.Contains(".style_", StringComparison.Ordinal)).Select(p => (p.name, p.parameter));

    /// <summary>
    /// Freezes (or unfreezes) the base model: afterwards only adapters and style tables have gradients, so fine-tuning
    /// a new style trains a small fraction of the parameters.
    /// </summary>
    public void FreezeBase(bool freeze = true)
    {
        foreach (var (name, parameter) in named_parameters())
            parameter.requires_grad = !freeze || IsAdapter(name) || name.Contains(".style_", StringComparison.Ordinal);
    }

    /// <summary>Parameters actually held (the tied LM head counted once).</summary>
    public long CountParameters() => parameters().Sum(p => p.numel());

    internal static bool IsAdapter(string name) => name.Contains(".adapter.", StringComparison.Ordinal);
}
