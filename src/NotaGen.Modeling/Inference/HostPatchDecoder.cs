using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Configuration;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Inference;

/// <summary>
/// The patch-level decoder's cached one-patch step in managed code, on a float32 snapshot of its weights, for one
/// piece: patch embedding (+ style embeddings), the GPT-2 stack with the style attention bias, ln_f. The prompt is
/// run by TorchSharp (many patches at once, where its batched kernels win) and its key/value cache copied in with
/// <see cref="Load"/>; each further patch is one <see cref="Step"/> without TorchSharp operations. Style adapters are
/// not supported (<see cref="Supports"/>): they mix per-piece low-rank updates into every projection.
/// </summary>
public sealed class HostPatchDecoder
{
    private readonly int contextPatches;
    private readonly int patchSize;
    private readonly int vocabulary;
    private readonly float[] embeddingT;         // [16 · 128, H]: row k · 128 + c is the column for character c at slot k
    private readonly float[] embeddingBias;      // [H]
    private readonly float[] positionEmbedding;  // [PatchLength, H]
    private readonly HostGpt2Stack stack;
    private readonly (float[] Period, float[] Composer, float[] Instrumentation)? styleTables;      // [values, H] each
    private readonly (float[] Period, float[] Composer, float[] Instrumentation)? slopeTables;      // [values, layers, heads] each

    /// <param name="threads">Threads each step's matrix products use (results are bit-identical for any count).</param>
    public HostPatchDecoder(PatchLevelDecoder decoder, NotaGenConfig config, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        if (!Supports(config))
            throw new ArgumentException("The managed patch step does not implement style adapters; use PatchLevelDecoder.forward.", nameof(config));
        contextPatches = config.PatchLength;
        patchSize = config.PatchSize;
        vocabulary = config.VocabularySize;
        var views = HostWeights.View(decoder, "");
        float[] weights(string name) => views(name).ToArray();
        embeddingT = HostWeights.Transpose(views("patch_embedding.weight").Span, config.HiddenSize, patchSize * vocabulary);
        embeddingBias = weights("patch_embedding.bias");
        positionEmbedding = weights("base.wpe.weight");
        stack = new HostGpt2Stack(name => views("base." + name), config.PatchLayers, config.HiddenSize, config.Heads, config.LayerNormEpsilon);
        if (config.Style.Embeddings)
            styleTables = (weights("style_embedding.period.weight"), weights("style_embedding.composer.weight"), weights("style_embedding.instrumentation.weight"));
        if (config.Style.AttentionBias)
            slopeTables = (weights("style_attention_bias.period"), weights("style_attention_bias.composer"), weights("style_attention_bias.instrumentation"));
    }

    /// <summary>True when the configuration has no style adapters.</summary>
    public static bool Supports(NotaGenConfig config) => !config.Style.Adapters;

    public int HiddenSize => stack.Hidden;

    public int Threads { get; }

    /// <summary>An empty context for one piece; <paramref name="style"/> null = "other" (as the TorchSharp path).</summary>
    public HostPatchState NewState(StyleRows? style)
    {
        var labels = style ?? StyleRows.Other;
        var hidden = stack.Hidden;
        var state = new HostPatchState(stack.LayerCount, hidden, Math.Min(contextPatches, 256), contextPatches, Threads);
        if (styleTables is { } tables)
        {
            state.Style = new float[hidden];
            HostMath.Add(state.Style, tables.Period.AsSpan(labels.Period * hidden, hidden));
            HostMath.Add(state.Style, tables.Composer.AsSpan(labels.Composer * hidden, hidden));
            HostMath.Add(state.Style, tables.Instrumentation.AsSpan(labels.Instrumentation * hidden, hidden));
        }
        if (slopeTables is { } slopes)
        {
            var size = stack.LayerCount * stack.Heads;
            state.Slopes = new float[size];
            HostMath.Add(state.Slopes, slopes.Period.AsSpan(labels.Period * size, size));
            HostMath.Add(state.Slopes, slopes.Composer.AsSpan(labels.Composer * size, size));
            HostMath.Add(state.Slopes, slopes.Instrumentation.AsSpan(labels.Instrumentation * size, size));
        }
        return state;
    }

    /// <summary>
    /// Replaces the state's context with what a TorchSharp cache holds (one piece, no padding) and its last hidden
    /// state <paramref name="lastHidden"/> <c>[H]</c>.
    /// </summary>
    public void Load(HostPatchState state, DecoderCache cache, ReadOnlySpan<float> lastHidden)
    {
        if (cache.KeyMask is not null)
            throw new ArgumentException("A padded batch cache cannot be loaded into a one-piece managed context.", nameof(cache));
        var length = (int)cache.Length;
        state.Reserve(length);
        using var scope = NewDisposeScope();
        for (var l = 0; l < stack.LayerCount; l++)
        {
            var (keys, values) = cache.Layer(l).Contents();                           // [1, heads, T, d]
            if (keys.shape[0] != 1)
                throw new ArgumentException("The managed patch context holds one piece; the cache holds a batch.", nameof(cache));
            Copy(keys, state.Keys[l]);
            Copy(values, state.Values[l]);
        }
        state.Length = length;
        lastHidden.CopyTo(state.Last);
    }

    /// <summary>Appends one patch (16 ids) and writes its hidden state after ln_f to <c>state.Last</c> <c>[H]</c>.</summary>
    public void Step(HostPatchState state, ReadOnlySpan<int> patch)
    {
        var position = state.Length;
        if (position >= contextPatches)
            throw new InvalidOperationException(
                $"The patch-level context holds {contextPatches} patches; this input needs {position + 1}. Crop the piece or rebuild the context.");
        state.Reserve(position + 1);
        var hidden = stack.Hidden;
        var x = state.Scratch.X.AsSpan(0, hidden);
        embeddingBias.CopyTo(x);
        for (var k = 0; k < patchSize; k++)
            HostMath.Add(x, embeddingT.AsSpan(((k * vocabulary) + patch[k]) * hidden, hidden));
        if (state.Style is not null)
            HostMath.Add(x, state.Style);
        HostMath.Add(x, positionEmbedding.AsSpan(position * hidden, hidden));
        stack.Forward(state.Scratch, 1, position, state.Keys, state.Values, state.Capacity, state.Slopes, state.Last);
        state.Length = position + 1;
    }

    // [1, heads, T, d] → [T, heads · d] at the start of a host buffer
    private static void Copy(Tensor cached, float[] destination)
    {
        var rows = cached.squeeze(0).transpose(0, 1).contiguous().to(ScalarType.Float32).cpu();  // [T, heads, d]
        rows.data<float>().ToArray().CopyTo(destination, 0);
    }
}

/// <summary>The managed patch-level context of one piece: growing key/value buffers, style vectors, the last hidden state.</summary>
public sealed class HostPatchState
{
    private readonly int maxCapacity;

    internal HostPatchState(int layers, int hidden, int capacity, int maxCapacity, int threads)
    {
        this.maxCapacity = maxCapacity;
        Hidden = hidden;
        Capacity = capacity;
        Keys = Enumerable.Range(0, layers).Select(_ => new float[capacity * hidden]).ToArray();
        Values = Enumerable.Range(0, layers).Select(_ => new float[capacity * hidden]).ToArray();
        Scratch = new HostScratch(1, hidden, maxCapacity, threads);
        Last = new float[hidden];
    }

    /// <summary>Patches in the context.</summary>
    public int Length { get; internal set; }

    /// <summary>Hidden state after the last patch (after ln_f), [H].</summary>
    public float[] Last { get; }

    internal int Hidden { get; }

    internal int Capacity { get; private set; }

    internal float[][] Keys { get; }      // per layer [capacity, H]

    internal float[][] Values { get; }

    internal float[]? Style { get; set; }  // [H] sum of the style embedding rows

    internal float[] Slopes { get; set; } = [];  // [layers, heads] style attention slopes, or empty

    internal HostScratch Scratch { get; }

    /// <summary>Empties the context (keeps the buffers and the style).</summary>
    public void Clear() => Length = 0;

    internal void Reserve(int positions)
    {
        if (positions <= Capacity)
            return;
        var capacity = Math.Min(maxCapacity, Math.Max(positions, Capacity * 2));
        for (var l = 0; l < Keys.Length; l++)
        {
            Array.Resize(ref Keys[l], capacity * Hidden);
            Array.Resize(ref Values[l], capacity * Hidden);
        }
        Capacity = capacity;
    }
}
