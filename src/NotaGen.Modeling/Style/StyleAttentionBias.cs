using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Style;

/// <summary>
/// A learned attention bias of the patch level as a function of the style (keys
/// <c>style_attention_bias.{period,composer,instrumentation}</c>, each [values, layers, heads]): the sum of the
/// piece's rows gives each layer and head a slope s, and −s · (query − key distance) is added to the scores.
/// Zero at the start, so it changes nothing until it learns.
/// </summary>
public sealed class StyleAttentionBias : ExplicitModule
{
    private readonly Parameter period;
    private readonly Parameter composer;
    private readonly Parameter instrumentation;

    public StyleAttentionBias(StyleVocabulary vocabulary, int layers, int heads, ParameterInit init) : base(nameof(StyleAttentionBias))
    {
        period = init.Zeros(vocabulary.Periods.Count, layers, heads);
        composer = init.Zeros(vocabulary.Composers.Count, layers, heads);
        instrumentation = init.Zeros(vocabulary.Instrumentations.Count, layers, heads);
        register_parameter("period", period);
        register_parameter("composer", composer);
        register_parameter("instrumentation", instrumentation);
    }

    // labels: [B, 3] → slopes [B, layers, heads]
    public Tensor forward(Tensor labels) =>
        period.index_select(0, labels.select(1, 0)) + composer.index_select(0, labels.select(1, 1))
        + instrumentation.index_select(0, labels.select(1, 2));
}
