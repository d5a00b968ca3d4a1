using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Layers;

/// <summary>
/// GPT-2's "Conv1D": a linear map whose weight is stored [in, out], the transpose of <c>nn.Linear</c>. Keeping
/// HuggingFace's layout makes NotaGen's checkpoint tensors map onto these parameters by name with no transposition.
/// Optionally carries a style adapter (LoRA) whose update is added to the output.
/// </summary>
public sealed class Conv1D : ExplicitModule
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly StyleAdapter? adapter;

    public Conv1D(long inFeatures, long outFeatures, ParameterInit init, double std = ParameterInit.Std, StyleAdapter? adapter = null)
        : base(nameof(Conv1D))
    {
        weight = init.Normal([inFeatures, outFeatures], std);
        bias = init.Zeros(outFeatures);
        this.adapter = adapter;
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        if (adapter is not null) register_module("adapter", adapter);
    }

    /// <summary>Weight [in, out].</summary>
    public Tensor Weight => weight;

    public StyleAdapter? Adapter => adapter;

    // x: [B, T, in] → [B, T, out]
    public Tensor forward(Tensor x, StyleContext? style)
    {
        var y = nn.functional.linear(x, weight.t(), bias);
        if (adapter is null || style is null) return y;
        return y.add_(adapter.forward(x, style));
    }
}
