using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Sampling;

/// <summary>
/// Draws the next character from the character decoder's logits. Every draw comes from the one seeded
/// <see cref="torch.Generator"/> given at construction: same seed, same logits, same options → same characters.
/// </summary>
public sealed class CharSampler
{
    private readonly torch.Generator _generator;

    public CharSampler(SamplingOptions options, torch.Generator generator)
    {
        options.Validate();
        Options = options;
        _generator = generator;
    }

    public SamplingOptions Options { get; }

    /// <summary>The distribution a draw is made from, rows <c>[batch, vocab]</c> in float64, for logits <c>[batch, vocab]</c>.</summary>
    public Tensor Distribution(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var rows = logits.dim() == 1 ? logits.unsqueeze(0) : logits;
        rows = rows.to(ScalarType.Float64);
        var result = Options.Order == SamplingOrder.NotaGen ? NotaGenOrder(rows) : TemperatureFirst(rows);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>One character id per row of <paramref name="logits"/> (<c>[vocab]</c> or <c>[batch, vocab]</c>).</summary>
    public long[] Sample(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var probs = Distribution(logits);
        if (Options.Temperature <= 0)
            return probs.argmax(-1).data<long>().ToArray();
        return multinomial(probs, 1, replacement: false, generator: _generator).squeeze(-1).data<long>().ToArray();
    }

    private Tensor NotaGenOrder(Tensor logits)
    {
        var probs = ProbabilityFilters.SafeNormalise(logits.softmax(-1));
        probs = ProbabilityFilters.SafeNormalise(ProbabilityFilters.TopK(probs, Options.TopK));
        probs = ProbabilityFilters.SafeNormalise(ProbabilityFilters.TopP(probs, Options.TopP));
        return ProbabilityFilters.ApplyTemperature(probs, Options.Temperature);
    }

    private Tensor TemperatureFirst(Tensor logits)
    {
        if (Options.Temperature <= 0)
            return ProbabilityFilters.OneHotArgmax(logits);
        var probs = logits.div(Options.Temperature).softmax(-1);
        probs = ProbabilityFilters.TopK(probs, Options.TopK);
        return ProbabilityFilters.TopP(probs, Options.TopP);
    }
}
