using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NotaGen.Training.Optimization;

/// <summary>
/// AdamW (Loshchilov &amp; Hutter; PyTorch's update, decoupled weight decay) with its moment tensors held by parameter
/// name, so a checkpoint can save and restore them exactly and the learning rate is a plain property the schedule sets
/// before every step. Only parameters that require gradients are optimised (adapter-only training).
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly List<(string Name, Parameter Parameter)> parameters;
    private readonly Dictionary<string, (Tensor First, Tensor Second)> moments = [];

    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, AdamWOptions options)
    {
        this.parameters = parameters.Where(p => p.Parameter.requires_grad).ToList();
        Options = options;
        foreach (var (name, parameter) in this.parameters)
            moments[name] = (zeros_like(parameter).DetachFromDisposeScope(), zeros_like(parameter).DetachFromDisposeScope());
    }

    public AdamWOptions Options { get; }

    /// <summary>The learning rate the next <see cref="Step"/> applies.</summary>
    public double LearningRate { get; set; }

    /// <summary>Updates taken so far (Adam's t, for bias correction).</summary>
    public long StepCount { get; private set; }

    public IReadOnlyList<(string Name, Parameter Parameter)> Parameters => parameters;

    public void Step()
    {
        StepCount++;
        var (beta1, beta2) = (Options.Beta1, Options.Beta2);
        var correction1 = 1 - Math.Pow(beta1, StepCount);
        var correction2Root = Math.Sqrt(1 - Math.Pow(beta2, StepCount));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            var gradient = parameter.grad;
            if (gradient is null) continue;
            var (first, second) = moments[name];
            parameter.mul_(1 - LearningRate * Options.WeightDecay);
            first.mul_(beta1).add_(gradient, alpha: 1 - beta1);
            second.mul_(beta2).addcmul_(gradient, gradient, value: 1 - beta2);
            var denominator = second.sqrt().div_(correction2Root).add_(Options.Epsilon);
            parameter.addcdiv_(first, denominator, value: -LearningRate / correction1);
        }
    }

    public void ZeroGrad()
    {
        // Each .grad read is a new handle: scope them so long runs do not pile up handles for the finaliser.
        using var scope = NewDisposeScope();
        foreach (var (_, parameter) in parameters)
            parameter.grad?.zero_();
    }

    /// <summary>Clips the global gradient norm to <paramref name="maxNorm"/> (≤ 0: no clipping); returns the norm before.</summary>
    public double ClipGradients(double maxNorm)
    {
        using var scope = NewDisposeScope();
        var grads = parameters.Select(p => p.Parameter.grad).Where(g => g is not null).Select(g => g!).ToList();
        if (grads.Count == 0) return 0;
        using var noGrad = no_grad();
        var norm = stack(grads.Select(g => g.to(ScalarType.Float32).norm()).ToList()).norm().item<float>();
        if (maxNorm > 0 && norm > maxNorm)
        {
            var factor = maxNorm / (norm + 1e-6);
            foreach (var g in grads) g.mul_(factor);
        }
        return norm;
    }

    /// <summary>The moments by parameter name: "m/NAME" and "v/NAME" (copies on the CPU).</summary>
    public Dictionary<string, Tensor> StateTensors()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, (first, second)) in moments)
        {
            state["m/" + name] = first.detach().cpu().clone().DetachFromDisposeScope();
            state["v/" + name] = second.detach().cpu().clone().DetachFromDisposeScope();
        }
        return state;
    }

    /// <summary>Restores what <see cref="StateTensors"/> saved; every optimised parameter must be present.</summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state, long stepCount)
    {
        using var noGrad = no_grad();
        foreach (var (name, (first, second)) in moments)
        {
            if (!state.TryGetValue("m/" + name, out var m) || !state.TryGetValue("v/" + name, out var v))
                throw new InvalidDataException($"The checkpoint has no optimizer state for parameter '{name}'.");
            first.copy_(m);
            second.copy_(v);
        }
        StepCount = stepCount;
    }

    public void Dispose()
    {
        foreach (var (first, second) in moments.Values)
        {
            first.Dispose();
            second.Dispose();
        }
        moments.Clear();
    }
}
