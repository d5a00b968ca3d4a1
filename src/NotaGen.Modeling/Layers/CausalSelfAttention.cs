using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Layers;

/// <summary>
/// GPT-2 multi-head causal self-attention (keys <c>attn.c_attn</c>, <c>attn.c_proj</c>), scale 1/√(head size).
/// Multi-position passes use fused scaled-dot-product attention; single-query cached steps and captures use explicit
/// matmul–softmax–matmul, which is faster for one query on the CPU (platform.md) and yields the weights.
/// </summary>
public sealed class CausalSelfAttention : ExplicitModule
{
    private readonly Conv1D cAttn;
    private readonly Conv1D cProj;
    private readonly int heads;
    private readonly long hiddenSize;
    private readonly double dropout;

    public CausalSelfAttention(long hiddenSize, int heads, double dropout, int layerCount, ParameterInit init, Func<long, long, StyleAdapter>? adapter)
        : base(nameof(CausalSelfAttention))
    {
        this.heads = heads;
        this.hiddenSize = hiddenSize;
        this.dropout = dropout;
        cAttn = new Conv1D(hiddenSize, 3 * hiddenSize, init, adapter: adapter?.Invoke(hiddenSize, 3 * hiddenSize));
        // GPT-2 scales the init of residual projections by 1/√(2 · layers).
        cProj = new Conv1D(hiddenSize, hiddenSize, init, ParameterInit.Std / Math.Sqrt(2.0 * layerCount), adapter?.Invoke(hiddenSize, hiddenSize));
        register_module("c_attn", cAttn);
        register_module("c_proj", cProj);
    }

    public Conv1D QueryKeyValue => cAttn;

    public Conv1D Projection => cProj;

    // x: [B, Tq, H] → [B, Tq, H]
    public Tensor forward(Tensor x, AttentionInputs inputs, int layer, LayerKeyValueCache? cache)
    {
        var (batch, queries) = (x.shape[0], x.shape[1]);
        var headSize = hiddenSize / heads;
        var qkv = cAttn.forward(x, inputs.Style).split(hiddenSize, 2);   // 3 × [B, Tq, H]
        var q = qkv[0].view(batch, queries, heads, headSize).transpose(1, 2); // [B, heads, Tq, d]
        var k = qkv[1].view(batch, queries, heads, headSize).transpose(1, 2);
        var v = qkv[2].view(batch, queries, heads, headSize).transpose(1, 2);
        if (cache is not null) (k, v) = cache.Append(k, v);                  // [B, heads, Tk, d]

        var bias = inputs.BiasFor(layer);                                    // [*, *, Tq, Tk] or null
        var p = training ? dropout : 0.0;
        Tensor y;                                                            // [B, heads, Tq, d]
        if (inputs.Capture is null && queries > 1)
        {
            y = nn.functional.scaled_dot_product_attention(q, k, v, bias, p, is_casual: bias is null);
        }
        else
        {
            var scores = q.matmul(k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(headSize)); // [B, heads, Tq, Tk]
            if (bias is not null) scores = scores.add_(bias);
            var weights = scores.softmax(-1);
            inputs.Capture?.Record(inputs.Level, layer, weights);
            if (p > 0) weights = nn.functional.dropout(weights, p, training);
            y = weights.matmul(v);
        }
        y = y.transpose(1, 2).reshape(batch, queries, hiddenSize);          // [B, Tq, H]
        y = cProj.forward(y, inputs.Style);
        return p > 0 ? nn.functional.dropout(y, p, training) : y;
    }
}
