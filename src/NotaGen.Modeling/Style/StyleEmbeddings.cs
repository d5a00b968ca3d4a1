using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Style;

/// <summary>
/// Learned period, composer and instrumentation tables (keys <c>style_embedding.{period,composer,instrumentation}</c>);
/// the sum of a piece's three rows is added to every patch embedding. Row 0 of each table is "other". Tables start at
/// zero so adding them to a trained model changes nothing until they learn.
/// </summary>
public sealed class StyleEmbeddings : ExplicitModule
{
    private readonly Embedding period;
    private readonly Embedding composer;
    private readonly Embedding instrumentation;

    public StyleEmbeddings(StyleVocabulary vocabulary, long hiddenSize, ParameterInit init) : base(nameof(StyleEmbeddings))
    {
        period = init.Embedding(vocabulary.Periods.Count, hiddenSize, zero: true);
        composer = init.Embedding(vocabulary.Composers.Count, hiddenSize, zero: true);
        instrumentation = init.Embedding(vocabulary.Instrumentations.Count, hiddenSize, zero: true);
        register_module("period", period);
        register_module("composer", composer);
        register_module("instrumentation", instrumentation);
    }

    public Tensor Periods => period.weight!;

    public Tensor Composers => composer.weight!;

    public Tensor Instrumentations => instrumentation.weight!;

    // labels: [B, 3] → [B, H]
    public Tensor forward(Tensor labels) =>
        period.forward(labels.select(1, 0)) + composer.forward(labels.select(1, 1)) + instrumentation.forward(labels.select(1, 2));
}
