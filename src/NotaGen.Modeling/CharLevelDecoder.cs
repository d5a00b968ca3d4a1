using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Modeling;

/// <summary>
/// The character-level GPT-2 (keys <c>char_level_decoder.base.*</c>) that writes one patch: its input is
/// [h, E(c1), …, E(c15)] where h is the patch decoder's hidden state of the previous patch in place of the BOS
/// embedding; position k predicts character k + 1. NotaGen feeds a 17th position (E(c16)) whose output is never
/// used; by causality dropping it changes no used logit.
/// </summary>
public sealed class CharLevelDecoder : ExplicitModule
{
    private readonly NotaGenConfig config;
    private readonly Gpt2LanguageModel model;

    public CharLevelDecoder(NotaGenConfig config, ParameterInit init) : base(nameof(CharLevelDecoder))
    {
        this.config = config;
        model = new Gpt2LanguageModel(config.VocabularySize, config.CharPositions, config.HiddenSize, config.CharLayers,
            config.Heads, config.Dropout, config.LayerNormEpsilon, init);
        register_module("base", model);
    }

    public Gpt2Transformer Transformer => model.Transformer;

    /// <summary>
    /// Teacher-forced logits of whole patches. patchStates: [N, H]; targets: [N, 16] long → logits [N, 16, vocabulary],
    /// position k scoring character k + 1.
    /// </summary>
    public Tensor forward(Tensor patchStates, Tensor targets, AttentionCapture? capture = null)
    {
        var inputs = Inputs(patchStates, targets.narrow(1, 0, config.PatchSize - 1));  // [N, 16, H]
        var positions = arange(0, config.PatchSize, ScalarType.Int64, patchStates.device);
        return model.forward(inputs, positions, Attention(0, config.PatchSize, capture, patchStates.device), null);
    }

    /// <summary>
    /// The logits NotaGen's own <c>CharLevelDecoder.forward</c> computes, for checking against its code: all
    /// <see cref="NotaGenConfig.CharPositions"/> positions ([h, E(c1), …, E(c16)]) with PAD characters hidden as keys
    /// (its attention mask), [N, 17, vocabulary]. Every logit its loss scores equals <see cref="forward"/>'s; only
    /// positions at or after a PAD, whose targets the loss ignores, differ.
    /// </summary>
    public Tensor NotaGenTrainingLogits(Tensor patchStates, Tensor targets)
    {
        var inputs = Inputs(patchStates, targets);                                      // [N, 17, H]
        var length = inputs.shape[1];
        CheckLength(length);
        var positions = arange(0, length, ScalarType.Int64, patchStates.device);
        var keyMask = cat([ones(targets.shape[0], 1, ScalarType.Bool, targets.device), targets.ne(0)], 1);
        var attention = new AttentionInputs
        {
            Level = AttentionLevel.Char,
            Past = 0,
            Queries = length,
            Mask = AttentionInputs.BuildMask(0, length, keyMask, inputs.dtype, patchStates.device),
        };
        return model.forward(inputs, positions, attention, null);
    }

    /// <summary>
    /// The reference (recomputing) step: logits [B, vocabulary] for the character after <paramref name="prefix"/>
    /// ([B, n] long, n ≤ 15, may be empty) given the patch states [B, H].
    /// </summary>
    public Tensor NextLogits(Tensor patchStates, Tensor prefix)
    {
        var inputs = Inputs(patchStates, prefix);                                       // [B, n + 1, H]
        var length = inputs.shape[1];
        CheckLength(length);
        var positions = arange(0, length, ScalarType.Int64, patchStates.device);
        return model.forward(inputs, positions, Attention(0, length, null, patchStates.device), null).select(1, -1);
    }

    /// <summary>
    /// Starts a cached patch: feeds the patch states [B, H] and an optional prefix [B, n] (the known start of an
    /// unfinished patch) into an empty cache; returns logits [B, vocabulary] for the next character.
    /// </summary>
    public Tensor Start(Tensor patchStates, DecoderCache cache, Tensor? prefix = null)
    {
        if (cache.Length != 0) throw new InvalidOperationException("Start needs an empty character cache; use a new one per patch.");
        var inputs = prefix is null ? patchStates.unsqueeze(1) : Inputs(patchStates, prefix);
        var length = inputs.shape[1];
        CheckLength(length);
        var positions = arange(0, length, ScalarType.Int64, patchStates.device);
        var logits = model.forward(inputs, positions, Attention(0, length, null, patchStates.device), cache);
        cache.Advance(length, null, null);
        return logits.select(1, -1);
    }

    /// <summary>Feeds one character per row (chars: [B] long) and returns logits [B, vocabulary] for the next one.</summary>
    public Tensor Step(Tensor chars, DecoderCache cache)
    {
        var past = cache.Length;
        CheckLength(past + 1);
        var inputs = model.Transformer.Embed(chars.view(-1, 1));                         // [B, 1, H]
        var positions = full(1, past, ScalarType.Int64, chars.device);
        var logits = model.forward(inputs, positions, Attention(past, 1, null, chars.device), cache);
        cache.Advance(1, null, null);
        return logits.select(1, 0);
    }

    /// <summary>An empty cache for one patch of a batch.</summary>
    public DecoderCache NewCache() => new(config.CharLayers, config.CharPositions);

    // [B, H] and [B, n] → [B, n + 1, H]
    private Tensor Inputs(Tensor patchStates, Tensor prefix) =>
        prefix.shape[1] == 0
            ? patchStates.unsqueeze(1)
            : cat([patchStates.unsqueeze(1), model.Transformer.Embed(prefix)], 1);

    private void CheckLength(long length)
    {
        if (length > config.CharPositions)
            throw new InvalidOperationException($"A patch has {config.PatchSize} characters; the character decoder got {length - 1}.");
    }

    private static AttentionInputs Attention(long past, long queries, AttentionCapture? capture, Device device) => new()
    {
        Level = AttentionLevel.Char,
        Past = past,
        Queries = queries,
        Mask = capture is null ? null : AttentionInputs.BuildMask(past, queries, null, ScalarType.Float32, device),
        Capture = capture,
    };
}
