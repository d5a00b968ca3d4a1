using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Caching;
using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Layers;

/// <summary>
/// HuggingFace's <c>GPT2LMHeadModel</c> (keys <c>transformer.*</c>; <c>lm_head.weight</c> is tied to
/// <c>transformer.wte.weight</c>, so it is not a separate parameter here: the weight files write it as a copy).
/// </summary>
public sealed class Gpt2LanguageModel : ExplicitModule
{
    private readonly Gpt2Transformer transformer;

    public Gpt2LanguageModel(long vocabulary, long positions, long hiddenSize, int layers, int heads, double dropout, double eps, ParameterInit init)
        : base(nameof(Gpt2LanguageModel))
    {
        transformer = new Gpt2Transformer(vocabulary, positions, hiddenSize, layers, heads, dropout, eps, init);
        register_module("transformer", transformer);
    }

    public Gpt2Transformer Transformer => transformer;

    // embeddings: [B, T, H], positions: [T] → logits [B, T, vocabulary]
    public Tensor forward(Tensor embeddings, Tensor positions, AttentionInputs inputs, DecoderCache? cache)
    {
        var hidden = transformer.forward(embeddings, positions, inputs, cache);
        return nn.functional.linear(hidden, transformer.TokenEmbedding);
    }
}
