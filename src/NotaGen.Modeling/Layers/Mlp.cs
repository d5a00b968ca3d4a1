using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using NotaGen.Modeling.Style;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Layers;

/// <summary>GPT-2 feed-forward (keys <c>mlp.c_fc</c>, <c>mlp.c_proj</c>): H → 4H → GELU (tanh approximation, "gelu_new") → H.</summary>
public sealed class Mlp : ExplicitModule
{
    private readonly Conv1D cFc;
    private readonly Conv1D cProj;
    private readonly double dropout;

    public Mlp(long hiddenSize, double dropout, int layerCount, ParameterInit init, Func<long, long, StyleAdapter>? adapter)
        : base(nameof(Mlp))
    {
        this.dropout = dropout;
        cFc = new Conv1D(hiddenSize, 4 * hiddenSize, init, adapter: adapter?.Invoke(hiddenSize, 4 * hiddenSize));
        cProj = new Conv1D(4 * hiddenSize, hiddenSize, init, ParameterInit.Std / Math.Sqrt(2.0 * layerCount), adapter?.Invoke(4 * hiddenSize, hiddenSize));
        register_module("c_fc", cFc);
        register_module("c_proj", cProj);
    }

    public Conv1D Expand => cFc;

    public Conv1D Projection => cProj;

    // x: [B, T, H] → [B, T, H]
    public Tensor forward(Tensor x, StyleContext? style)
    {
        var hidden = nn.functional.gelu(cFc.forward(x, style), GELU.Approximate.tanh); // [B, T, 4H]
        var y = cProj.forward(hidden, style);
        return training && dropout > 0 ? nn.functional.dropout(y, dropout, training) : y;
    }
}
