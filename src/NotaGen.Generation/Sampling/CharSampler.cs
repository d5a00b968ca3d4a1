using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Generation.Sampling;

/// <summary>
/// Draws the next character from the character decoder's logits. The filtering runs on the host in float64 (as NotaGen
/// does with numpy); every random draw is a uniform number from the one seeded <see cref="torch.Generator"/> given at
/// construction, so the same seed, logits and options give the same characters, bit for bit.
/// </summary>
public sealed class CharSampler
{
    private readonly torch.Generator _generator;
    private double[] _row = [];

    public CharSampler(SamplingOptions options, torch.Generator generator)
    {
        options.Validate();
        Options = options;
        _generator = generator;
    }

    public SamplingOptions Options { get; }

    /// <summary>The distribution a draw is made from, one row per row of <paramref name="logits"/> (<c>[vocab]</c> or <c>[batch, vocab]</c>).</summary>
    public double[][] Distribution(Tensor logits)
    {
        var rows = Rows(logits);
        return rows.Select(Distribution).ToArray();
    }

    /// <summary>The distribution for one row of logits.</summary>
    public double[] Distribution(double[] logits) =>
        Options.Order == SamplingOrder.NotaGen ? NotaGenOrder(logits) : TemperatureFirst(logits);

    /// <summary>One character id per row of <paramref name="logits"/> (<c>[vocab]</c> or <c>[batch, vocab]</c>).</summary>
    public long[] Sample(Tensor logits)
    {
        var distributions = Distribution(logits);
        if (Options.Temperature <= 0)
            return distributions.Select(d => (long)ProbabilityFilters.Argmax(d)).ToArray();
        using var uniforms = rand([distributions.Length], ScalarType.Float64, generator: _generator);
        var u = uniforms.data<double>().ToArray();
        return distributions.Select((d, i) => (long)ProbabilityFilters.InverseCdf(d, u[i])).ToArray();
    }

    /// <summary>
    /// Uniform numbers for one patch of <paramref name="rows"/> rows, <paramref name="positions"/> per row (row-major),
    /// in one draw from the seeded generator; null when sampling is greedy (no randomness). Drawing a fixed block per
    /// patch makes the text independent of how many characters are actually sampled: stopping a patch at EOS (cached
    /// loop) and sampling all 16 characters as NotaGen does (reference loop) consume the same numbers.
    /// </summary>
    public double[]? DrawUniforms(int rows, int positions)
    {
        if (Options.Temperature <= 0)
            return null;
        using var uniforms = rand([rows, positions], ScalarType.Float64, generator: _generator);
        return uniforms.data<double>().ToArray();
    }

    /// <summary>
    /// One character id from one row of logits and a uniform number in [0, 1) (ignored when greedy). Same result as
    /// <see cref="Distribution(double[])"/> followed by the inverse CDF, computed in a reused buffer (no allocation).
    /// </summary>
    /// <param name="allowed">The constraint's mask (empty: none): a disallowed id gets logit −∞ before the filters and
    /// probability 0 after them (NotaGen's +1e-12 smoothing would otherwise let it back in).</param>
    public int SampleRow(ReadOnlySpan<float> logits, double uniform, ReadOnlySpan<bool> allowed = default)
    {
        if (_row.Length != logits.Length)
            _row = new double[logits.Length];
        var row = _row.AsSpan();
        var masked = !allowed.IsEmpty;
        for (var i = 0; i < row.Length; i++)
            row[i] = masked && !allowed[i] ? double.NegativeInfinity : logits[i];
        return SampleFiltered(row, uniform, allowed);
    }

    private int SampleFiltered(Span<double> row, double uniform, ReadOnlySpan<bool> allowed)
    {
        if (Options.Order == SamplingOrder.NotaGen)
        {
            ProbabilityFilters.SoftmaxInPlace(row);
            ProbabilityFilters.SafeNormaliseInPlace(row);
            ProbabilityFilters.TopKInPlace(row, Options.TopK);
            ProbabilityFilters.SafeNormaliseInPlace(row);
            ProbabilityFilters.TopPInPlace(row, Options.TopP);
            ProbabilityFilters.SafeNormaliseInPlace(row);
            ProbabilityFilters.ApplyTemperatureInPlace(row, Options.Temperature);
        }
        else
        {
            if (Options.Temperature <= 0)
                return ProbabilityFilters.Argmax(row);
            for (var i = 0; i < row.Length; i++)
                row[i] /= Options.Temperature;
            ProbabilityFilters.SoftmaxInPlace(row);
            ProbabilityFilters.TopKInPlace(row, Options.TopK);
            ProbabilityFilters.TopPInPlace(row, Options.TopP);
        }
        if (!allowed.IsEmpty)
        {
            for (var i = 0; i < row.Length; i++)
            {
                if (!allowed[i])
                    row[i] = 0;
            }
        }
        return Options.Temperature <= 0 ? ProbabilityFilters.Argmax(row) : ProbabilityFilters.InverseCdf(row, uniform);
    }

    private double[] NotaGenOrder(double[] logits)
    {
        var probs = ProbabilityFilters.SafeNormalise(ProbabilityFilters.Softmax(logits));
        probs = ProbabilityFilters.SafeNormalise(ProbabilityFilters.TopK(probs, Options.TopK));
        probs = ProbabilityFilters.SafeNormalise(ProbabilityFilters.TopP(probs, Options.TopP));
        return ProbabilityFilters.ApplyTemperature(probs, Options.Temperature);
    }

    private double[] TemperatureFirst(double[] logits)
    {
        if (Options.Temperature <= 0)
        {
            var onehot = new double[logits.Length];
            onehot[ProbabilityFilters.Argmax(logits)] = 1;
            return onehot;
        }
        var probs = ProbabilityFilters.Softmax(logits.Select(l => l / Options.Temperature).ToArray());
        probs = ProbabilityFilters.TopK(probs, Options.TopK);
        return ProbabilityFilters.TopP(probs, Options.TopP);
    }

    private static double[][] Rows(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var matrix = (logits.dim() == 1 ? logits.unsqueeze(0) : logits).to(ScalarType.Float64).cpu().contiguous();
        var (batch, vocab) = ((int)matrix.shape[0], (int)matrix.shape[1]);
        var flat = matrix.data<double>().ToArray();
        return Enumerable.Range(0, batch).Select(r => flat.AsSpan(r * vocab, vocab).ToArray()).ToArray();
    }
}
