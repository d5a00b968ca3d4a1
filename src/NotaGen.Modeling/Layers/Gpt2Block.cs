using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Layers;

/// <summary>A pre-LayerNorm GPT-2 block (keys <c>ln_1</c>, <c>attn</c>, <c>ln_2</c>, <c>mlp</c>).</summary>
public sealed class Gpt2Block : ExplicitModule
{
    private readonly LayerNorm ln1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln2;
    private readonly Mlp mlp;
    private readonly int layer;

    public Gpt2Block(int layer, long hiddenSize, int heads, double dropout, double eps, int layerCount, ParameterInit init, Func<long, long, StyleAdapter>? adapter)
        : base(nameof(Gpt2Block))
    {
        this.layer = layer;
        ln1 = init.LayerNorm(hiddenSize, eps);
        attn = new CausalSelfAttention(hiddenSize, heads, dropout, layerCount, init, adapter);
        ln2 = init.LayerNorm(hiddenSize, eps);
        mlp = new Mlp(hiddenSize, dropout, layerCount, init, adapter);
        register_module("ln_1", ln1);
        register_module("attn", attn);
        register_module("ln_2", ln2);
        register_module("mlp", mlp);
    }

    public CausalSelfAttention Attention => attn;

    public Mlp Mlp => mlp;

    // x: [B, T, H] → [B, T, H]
    public Tensor forward(Tensor x, AttentionInputs inputs, DecoderCache? cache)
    {
        x = x + attn.forward(ln1.forward(x), inputs, layer, cache?.Layer(layer));
        return x + mlp.forward(ln2.forward(x), inputs.Style);
    }
}
