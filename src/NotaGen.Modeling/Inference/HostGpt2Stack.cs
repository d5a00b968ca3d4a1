namespace NotaGen.Modeling.Inference;

/// <summary>
/// A float32 snapshot of a GPT-2 block stack and its final LayerNorm (keys <c>h.N.*</c>, <c>ln_f</c>), run one position
/// per row at a time against key/value buffers: the shared core of <see cref="HostCharDecoder"/> and
/// <see cref="HostPatchDecoder"/>. Same function as <see cref="Layers.Gpt2Transformer"/> in eval mode (no dropout).
/// </summary>
internal sealed class HostGpt2Stack
{
    private readonly LayerWeights[] layers;
    private readonly ReadOnlyMemory<float> finalGain, finalBias; // [H]
    private readonly float epsilon;

    /// <param name="weight">Parameter by its name under the transformer (e.g. <c>h.0.ln_1.weight</c>).</param>
    public HostGpt2Stack(Func<string, ReadOnlyMemory<float>> weight, int layerCount, int hidden, int heads, double epsilon)
    {
        Hidden = hidden;
        Heads = heads;
        this.epsilon = (float)epsilon;
        layers = Enumerable.Range(0, layerCount).Select(l => new LayerWeights(
            weight($"h.{l}.ln_1.weight"), weight($"h.{l}.ln_1.bias"), weight($"h.{l}.attn.c_attn.weight"), weight($"h.{l}.attn.c_attn.bias"),
            weight($"h.{l}.attn.c_proj.weight"), weight($"h.{l}.attn.c_proj.bias"), weight($"h.{l}.ln_2.weight"), weight($"h.{l}.ln_2.bias"),
            weight($"h.{l}.mlp.c_fc.weight"), weight($"h.{l}.mlp.c_fc.bias"), weight($"h.{l}.mlp.c_proj.weight"), weight($"h.{l}.mlp.c_proj.bias"))).ToArray();
        finalGain = weight("ln_f.weight");
        finalBias = weight("ln_f.bias");
    }

    public int Hidden { get; }

    public int Heads { get; }

    public int LayerCount => layers.Length;

    /// <summary>
    /// Runs position <paramref name="position"/> of every row: <c>scratch.X</c> [B, H] holds the input embeddings
    /// (position embedding included); keys and values of this position are written to <paramref name="keys"/> /
    /// <paramref name="values"/> (per layer [B, capacity, H]); the result after ln_f is written to
    /// <paramref name="output"/> [B, H]. <paramref name="slopes"/> [B, layers, heads] adds the style attention bias
    /// −slope · (query − key position), or is empty.
    /// </summary>
    public void Forward(HostScratch scratch, int batch, int position, float[][] keys, float[][] values, int capacity,
        ReadOnlySpan<float> slopes, Span<float> output)
    {
        var hidden = Hidden;
        var x = scratch.X.AsSpan(0, batch * hidden);
        var a = scratch.Normed.AsSpan(0, batch * hidden);
        var qkv = scratch.Qkv.AsSpan(0, batch * 3 * hidden);
        var attended = scratch.Attended.AsSpan(0, batch * hidden);
        var inner = scratch.Inner.AsSpan(0, batch * 4 * hidden);
        var matMul = scratch.MatMul;
        var (xMemory, aMemory, qkvMemory) = (scratch.X.AsMemory(0, x.Length), scratch.Normed.AsMemory(0, a.Length), scratch.Qkv.AsMemory(0, qkv.Length));
        var (attendedMemory, innerMemory) = (scratch.Attended.AsMemory(0, attended.Length), scratch.Inner.AsMemory(0, inner.Length));
        var scores = scratch.Scores.AsSpan(0, position + 1);
        var headSize = hidden / Heads;
        var scale = 1f / MathF.Sqrt(headSize);

        for (var l = 0; l < layers.Length; l++)
        {
            var w = layers[l];
            for (var r = 0; r < batch; r++)
                HostMath.LayerNorm(x.Slice(r * hidden, hidden), w.Ln1Gain.Span, w.Ln1Bias.Span, epsilon, a.Slice(r * hidden, hidden));
            matMul.Run(aMemory, batch, w.QkvWeight, w.QkvBias, qkvMemory, hidden, 3 * hidden, accumulate: false);

            var layerKeys = keys[l];
            var layerValues = values[l];
            for (var r = 0; r < batch; r++)
            {
                var row = qkv.Slice(r * 3 * hidden, 3 * hidden);
                var rowStart = r * capacity * hidden;
                row.Slice(hidden, hidden).CopyTo(layerKeys.AsSpan(rowStart + (position * hidden), hidden));
                row.Slice(2 * hidden, hidden).CopyTo(layerValues.AsSpan(rowStart + (position * hidden), hidden));
                var result = attended.Slice(r * hidden, hidden);
                result.Clear();
                for (var h = 0; h < Heads; h++)
                {
                    var q = row.Slice(h * headSize, headSize);
                    var slope = slopes.IsEmpty ? 0f : slopes[(((r * layers.Length) + l) * Heads) + h];
                    var max = float.NegativeInfinity;
                    for (var s = 0; s <= position; s++)
                    {
                        var score = HostMath.Dot(q, layerKeys.AsSpan(rowStart + (s * hidden) + (h * headSize), headSize)) * scale;
                        if (slope != 0f)
                            score += -slope * (position - s);
                        scores[s] = score;
                        max = MathF.Max(max, score);
                    }
                    var total = 0f;
                    for (var s = 0; s <= position; s++)
                    {
                        scores[s] = MathF.Exp(scores[s] - max);
                        total += scores[s];
                    }
                    var head = result.Slice(h * headSize, headSize);
                    for (var s = 0; s <= position; s++)
                        HostMath.Axpy(scores[s] / total, layerValues.AsSpan(rowStart + (s * hidden) + (h * headSize), headSize), head);
                }
            }
            matMul.Run(attendedMemory, batch, w.ProjWeight, w.ProjBias, xMemory, hidden, hidden, accumulate: true);

            for (var r = 0; r < batch; r++)
                HostMath.LayerNorm(x.Slice(r * hidden, hidden), w.Ln2Gain.Span, w.Ln2Bias.Span, epsilon, a.Slice(r * hidden, hidden));
            matMul.Run(aMemory, batch, w.FcWeight, w.FcBias, innerMemory, hidden, 4 * hidden, accumulate: false);
            HostMath.GeluTanh(inner);
            matMul.Run(innerMemory, batch, w.MlpProjWeight, w.MlpProjBias, xMemory, 4 * hidden, hidden, accumulate: true);
        }
        for (var r = 0; r < batch; r++)
            HostMath.LayerNorm(x.Slice(r * hidden, hidden), finalGain.Span, finalBias.Span, epsilon, output.Slice(r * hidden, hidden));
    }

    private sealed record LayerWeights(
        ReadOnlyMemory<float> Ln1Gain, ReadOnlyMemory<float> Ln1Bias, ReadOnlyMemory<float> QkvWeight, ReadOnlyMemory<float> QkvBias,
        ReadOnlyMemory<float> ProjWeight, ReadOnlyMemory<float> ProjBias, ReadOnlyMemory<float> Ln2Gain, ReadOnlyMemory<float> Ln2Bias,
        ReadOnlyMemory<float> FcWeight, ReadOnlyMemory<float> FcBias, ReadOnlyMemory<float> MlpProjWeight, ReadOnlyMemory<float> MlpProjBias);
}

/// <summary>
/// Reused float32 work buffers of one <see cref="HostGpt2Stack.Forward"/> (sized for a batch and a position count), and
/// the threads its matrix products use.
/// </summary>
internal sealed class HostScratch(int batch, int hidden, int positions, int threads)
{
    public HostParallelMatMul MatMul { get; } = new(threads);

    public float[] X { get; } = new float[batch * hidden];          // residual stream [B, H]

    public float[] Normed { get; } = new float[batch * hidden];     // LayerNorm output [B, H]

    public float[] Qkv { get; } = new float[batch * 3 * hidden];    // [B, 3H]

    public float[] Attended { get; } = new float[batch * hidden];   // attention output before c_proj [B, H]

    public float[] Inner { get; } = new float[batch * 4 * hidden];  // MLP hidden [B, 4H]

    public float[] Scores { get; } = new float[positions];          // one head's scores
}
