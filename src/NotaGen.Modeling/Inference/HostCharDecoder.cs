using NotaGen.Modeling.Configuration;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Inference;

/// <summary>
/// The character-level decoder's cached one-character step in managed code, on the float32 weights (layers viewed in
/// place, embeddings copied).
/// Why: a cached step of <see cref="CharLevelDecoder.Step"/> is ~20 TorchSharp operations per layer on tensors of a few
/// hundred numbers, and each operation has a fixed cost (~15–20 µs here, platform.md) far above its arithmetic; the
/// character level runs once per character, so that overhead bounded generation at a few hundred characters per second.
/// Here a step is plain loops over spans (no allocation, no interop), the same function as the cached path of
/// <see cref="CharLevelDecoder"/> (tests compare the logits to 1e-5 over a generated piece).
/// The embeddings are copied at construction: make a new one after the weights change (the generator makes one per run).
/// </summary>
public sealed class HostCharDecoder
{
    private readonly int positions;
    private readonly float[] tokenEmbedding;       // [V, H]
    private readonly float[] tokenEmbeddingT;      // [H, V], the tied LM head in [in, out] layout
    private readonly float[] positionEmbedding;    // [positions, H]
    private readonly HostGpt2Stack stack;

    /// <param name="threads">Threads each step's matrix products use (results are bit-identical for any count).</param>
    public HostCharDecoder(CharLevelDecoder decoder, NotaGenConfig config, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        positions = config.CharPositions;
        VocabularySize = config.VocabularySize;
        var weights = HostWeights.View(decoder, "base.transformer.");
        tokenEmbedding = weights("wte.weight").ToArray();
        positionEmbedding = weights("wpe.weight").ToArray();
        tokenEmbeddingT = HostWeights.Transpose(tokenEmbedding, VocabularySize, config.HiddenSize);
        stack = new HostGpt2Stack(weights, config.CharLayers, config.HiddenSize, config.Heads, config.LayerNormEpsilon);
    }

    public int HiddenSize => stack.Hidden;

    public int Threads { get; }

    public int VocabularySize { get; }

    /// <summary>Caches and scratch space for patches of <paramref name="batch"/> rows; reuse it: <see cref="Start"/> empties it.</summary>
    public HostCharState NewState(int batch) => new(batch, stack.LayerCount, positions, stack.Hidden, Threads);

    /// <summary>
    /// Starts a patch: feeds the patch states <c>[batch · H]</c> at position 0 (emptying <paramref name="state"/>) and
    /// writes the logits of the first character to <paramref name="logits"/> <c>[batch · V]</c>.
    /// </summary>
    public void Start(HostCharState state, ReadOnlySpan<float> patchStates, Span<float> logits)
    {
        var hidden = stack.Hidden;
        state.Length = 0;
        var x = state.Scratch.X.AsSpan(0, state.Batch * hidden);
        for (var r = 0; r < state.Batch; r++)
            HostMath.Sum(patchStates.Slice(r * hidden, hidden), positionEmbedding.AsSpan(0, hidden), x.Slice(r * hidden, hidden));
        Forward(state, logits);
    }

    /// <summary>Feeds one character per row and writes the logits of the next one <c>[batch · V]</c>.</summary>
    public void Step(HostCharState state, ReadOnlySpan<int> chars, Span<float> logits)
    {
        var hidden = stack.Hidden;
        var position = state.Length;
        if (position >= positions)
            throw new InvalidOperationException($"A patch has {positions - 1} characters; the character decoder got {position}.");
        var x = state.Scratch.X.AsSpan(0, state.Batch * hidden);
        var wpe = positionEmbedding.AsSpan(position * hidden, hidden);
        for (var r = 0; r < state.Batch; r++)
            HostMath.Sum(tokenEmbedding.AsSpan(chars[r] * hidden, hidden), wpe, x.Slice(r * hidden, hidden));
        Forward(state, logits);
    }

    private void Forward(HostCharState state, Span<float> logits)
    {
        var batch = state.Batch;
        var normed = state.Output.AsSpan(0, batch * stack.Hidden);
        stack.Forward(state.Scratch, batch, state.Length, state.Keys, state.Values, positions, [], normed);
        HostMath.MatMul(normed, batch, tokenEmbeddingT, [], logits[..(batch * VocabularySize)], stack.Hidden, VocabularySize, accumulate: false);
        state.Length++;
    }
}

/// <summary>Keys, values and work buffers of one patch for <see cref="HostCharDecoder"/> (float32, reused across patches).</summary>
public sealed class HostCharState
{
    internal HostCharState(int batch, int layers, int positions, int hidden, int threads)
    {
        Batch = batch;
        Keys = Enumerable.Range(0, layers).Select(_ => new float[batch * positions * hidden]).ToArray();
        Values = Enumerable.Range(0, layers).Select(_ => new float[batch * positions * hidden]).ToArray();
        Scratch = new HostScratch(batch, hidden, positions, threads);
        Output = new float[batch * hidden];
    }

    public int Batch { get; }

    /// <summary>Positions fed so far in this patch.</summary>
    public int Length { get; internal set; }

    internal float[][] Keys { get; }      // per layer [B, positions, H]

    internal float[][] Values { get; }    // per layer [B, positions, H]

    internal HostScratch Scratch { get; }

    internal float[] Output { get; }      // after ln_f [B, H]
}
