using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Modeling;

/// <summary>
/// The patch-level GPT-2 (keys <c>patch_level_decoder.{patch_embedding,base}</c>): patch embeddings (+ style
/// embeddings) → GPT-2 over up to <see cref="NotaGenConfig.PatchLength"/> patches → hidden state per patch, which
/// conditions the character decoder writing the next patch. With a cache, a call appends patches to what the cache
/// holds and returns only the new hidden states.
/// </summary>
public sealed class PatchLevelDecoder : ExplicitModule
{
    private readonly NotaGenConfig config;
    private readonly PatchEmbedding patchEmbedding;
    private readonly Gpt2Transformer transformer;
    private readonly StyleEmbeddings? styleEmbedding;
    private readonly StyleAttentionBias? styleAttentionBias;

    public PatchLevelDecoder(NotaGenConfig config, ParameterInit init) : base(nameof(PatchLevelDecoder))
    {
        this.config = config;
        patchEmbedding = new PatchEmbedding(config.PatchSize, config.VocabularySize, config.HiddenSize, init);
        // NotaGen builds GPT2Model(vocab_size=1): its 1 × H token embedding is never used but is in the checkpoints.
        transformer = new Gpt2Transformer(1, config.PatchLength, config.HiddenSize, config.PatchLayers, config.Heads,
            config.Dropout, config.LayerNormEpsilon, init, AdapterFactory(config, init));
        register_module("patch_embedding", patchEmbedding);
        register_module("base", transformer);
        if (config.Style.Embeddings)
        {
            styleEmbedding = new StyleEmbeddings(config.Styles, config.HiddenSize, init);
            register_module("style_embedding", styleEmbedding);
        }
        if (config.Style.AttentionBias)
        {
            styleAttentionBias = new StyleAttentionBias(config.Styles, config.PatchLayers, config.Heads, init);
            register_module("style_attention_bias", styleAttentionBias);
        }
    }

    public Gpt2Transformer Transformer => transformer;

    public StyleEmbeddings? StyleEmbeddings => styleEmbedding;

    public StyleAttentionBias? StyleAttentionBias => styleAttentionBias;

    /// <summary>True when the model has any style mechanism that reads labels.</summary>
    public bool UsesStyle => config.Style.UsesLabels;

    /// <summary>
    /// patches: [B, T, 16] long ids; mask: [B, T] (1/true = real patch, 0 = batch padding) or null;
    /// style: the batch's labels (null = "other" for every piece); cache: appended to when given.
    /// Returns hidden states after ln_f, [B, T, H].
    /// </summary>
    public Tensor forward(Tensor patches, Tensor? mask = null, StyleContext? style = null, DecoderCache? cache = null, AttentionCapture? capture = null)
    {
        if (patches.dim() != 3 || patches.shape[2] != config.PatchSize)
            throw new ArgumentException($"Patches must be [batch, patches, {config.PatchSize}], got [{string.Join(", ", patches.shape)}].", nameof(patches));
        var (batch, length) = (patches.shape[0], patches.shape[1]);
        using var ownStyle = style is null && UsesStyle
            ? StyleContext.Create(Enumerable.Repeat(StyleRows.Other, (int)batch).ToList(), config.Styles, patches.device)
            : null;
        style ??= ownStyle;

        var past = cache?.Length ?? 0;
        var x = patchEmbedding.forward(patches);                                     // [B, T, H]
        if (styleEmbedding is not null) x = x + styleEmbedding.forward(style!.Labels).unsqueeze(1);

        Tensor positions;                                                            // [1 or B, T]
        Tensor? keyMask = null, realCounts = null;
        var padded = mask is not null || cache?.KeyMask is not null;
        if (!padded)
        {
            positions = arange(past, past + length, ScalarType.Int64, patches.device).unsqueeze(0);
            CheckContext(past + length);
        }
        else
        {
            // Position ids count real patches only, so a left-padded row starts at position 0 like an unpadded one.
            var real = mask?.to(ScalarType.Bool) ?? ones(batch, length, ScalarType.Bool, patches.device);
            var previous = cache?.RealCounts ?? full(batch, past, ScalarType.Int64, patches.device);
            var cumulative = real.to(ScalarType.Int64).cumsum(1);                   // [B, T]
            positions = (previous.unsqueeze(1) + cumulative - 1).clamp_min(0);
            realCounts = previous + cumulative.select(1, -1);
            var pastMask = cache?.KeyMask ?? (past > 0 ? ones(batch, past, ScalarType.Bool, patches.device) : null);
            keyMask = pastMask is null ? real : cat([pastMask, real], 1);          // [B, Tk]
            CheckContext(realCounts.max().item<long>());
        }

        var slopes = styleAttentionBias?.forward(style!.Labels);                    // [B, layers, heads]
        var needsMask = padded || slopes is not null || capture is not null || (past > 0 && length > 1);
        var inputs = new AttentionInputs
        {
            Level = AttentionLevel.Patch,
            Past = past,
            Queries = length,
            Mask = needsMask ? AttentionInputs.BuildMask(past, length, keyMask, x.dtype, x.device) : null,
            StyleSlopes = slopes,
            Distances = slopes is null ? null : AttentionInputs.BuildDistances(past, length, x.dtype, x.device),
            Style = config.Style.Adapters ? style : null,
            Capture = capture,
        };
        var hidden = transformer.forward(x, positions, inputs, cache);
        cache?.Advance(length, keyMask, realCounts);
        return hidden;
    }

    private void CheckContext(long positions)
    {
        if (positions > config.PatchLength)
            throw new InvalidOperationException(
                $"The patch-level context holds {config.PatchLength} patches; this input needs {positions}. Crop the piece or rebuild the context.");
    }

    private static Func<int, Func<long, long, StyleAdapter>?>? AdapterFactory(NotaGenConfig config, ParameterInit init)
    {
        if (!config.Style.Adapters) return null;
        return layer => config.HasAdapters(layer)
            ? (input, output) => new StyleAdapter(config.Styles.Count, input, output, config.Style.AdapterRank, config.Style.AdapterAlpha, init)
            : null;
    }
}
