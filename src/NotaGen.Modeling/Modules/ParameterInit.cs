using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Modules;

/// <summary>
/// Creates parameters on one device with GPT-2's initialisation (normal, std 0.02), drawing from one seeded generator
/// so that the same seed gives the same model. On the <c>meta</c> device nothing is allocated.
/// </summary>
public sealed class ParameterInit(Device device, Generator? generator)
{
    public const double Std = 0.02;

    public Device Device { get; } = device;

    public Parameter Normal(long[] shape, double std = Std)
    {
        // nn.init.normal_ ignores its generator in TorchSharp 0.107 (measured); randn honours it.
        var tensor = randn(shape, ScalarType.Float32, Device, generator: generator).mul_(std);
        return new Parameter(tensor);
    }

    public Parameter Zeros(params long[] shape) => new(zeros(shape, ScalarType.Float32, Device));

    public Parameter Ones(params long[] shape) => new(ones(shape, ScalarType.Float32, Device));

    /// <summary>An embedding table, GPT-2 style: normal init (or zeros for style tables that must start neutral).</summary>
    public Embedding Embedding(long rows, long width, bool zero = false)
    {
        var table = nn.Embedding(rows, width, device: Device);
        using (no_grad())
        {
            if (zero) table.weight!.zero_();
            else table.weight!.copy_(randn(table.weight!.shape, ScalarType.Float32, Device, generator: generator).mul_(Std));
        }
        return table;
    }

    public LayerNorm LayerNorm(long width, double eps) => nn.LayerNorm(width, eps, device: Device);
}
