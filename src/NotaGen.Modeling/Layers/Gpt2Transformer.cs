using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Layers;

/// <summary>
/// HuggingFace's <c>GPT2Model</c> fed with input embeddings (keys <c>wte</c>, <c>wpe</c>, <c>h.N</c>, <c>ln_f</c>):
/// learned absolute positions, embedding dropout, the blocks, a final LayerNorm.
/// </summary>
public sealed class Gpt2Transformer : ExplicitModule
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<Gpt2Block> blocks;
    private readonly LayerNorm lnF;
    private readonly double dropout;

    /// <param name="adapterLayers">Layers that carry style adapters, and the factory that makes one per projection.</param>
    public Gpt2Transformer(long vocabulary, long positions, long hiddenSize, int layers, int heads, double dropout, double eps,
        ParameterInit init, Func<int, Func<long, long, StyleAdapter>?>? adapterLayers = null)
        : base(nameof(Gpt2Transformer))
    {
        this.dropout = dropout;
        wte = init.Embedding(vocabulary, hiddenSize);
        wpe = init.Embedding(positions, hiddenSize);
        blocks = new ModuleList<Gpt2Block>(Enumerable.Range(0, layers)
            .Select(i => new Gpt2Block(i, hiddenSize, heads, dropout, eps, layers, init, adapterLayers?.Invoke(i)))
            .ToArray());
        lnF = init.LayerNorm(hiddenSize, eps);
        register_module("wte", wte);
        register_module("wpe", wpe);
        register_module("h", blocks);
        register_module("ln_f", lnF);
    }

    /// <summary>Token embedding [vocabulary, H]; the character level ties its LM head to it.</summary>
    public Tensor TokenEmbedding => wte.weight!;

    public long Positions => wpe.weight!.shape[0];

    public int LayerCount => blocks.Count;

    public Gpt2Block Block(int layer) => blocks[layer];

    // embeddings: [B, T, H], positionIds: [B, T] or [T] long → hidden states after ln_f [B, T, H]
    public Tensor forward(Tensor embeddings, Tensor positionIds, AttentionInputs inputs, DecoderCache? cache)
    {
        var x = embeddings + wpe.forward(positionIds);
        if (training && dropout > 0) x = nn.functional.dropout(x, dropout, training);
        for (var i = 0; i < blocks.Count; i++)
            x = blocks[i].forward(x, inputs, cache);
        return lnF.forward(x);
    }

    public Tensor Embed(Tensor tokens) => wte.forward(tokens);
}
