using NotaGen.Generation.Sampling;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Generation;

public class CharSamplerTests
{
    private static Tensor RandomLogits(int rows, long seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        return randn(rows, 128, dtype: ScalarType.Float64, generator: generator).mul(3);
    }

    private static double[] Row(Tensor t, int row) => t[row].data<double>().ToArray();

    private static double[] SoftmaxRow(Tensor logits, int row)
    {
        using var p = logits[row].softmax(-1);
        return p.data<double>().ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(40)]
    public void Top_k_keeps_exactly_the_k_largest(int k)
    {
        using var logits = RandomLogits(8, 1);
        for (var r = 0; r < 8; r++)
        {
            var p = SoftmaxRow(logits, r);
            var q = ProbabilityFilters.TopK(p, k);
            var expected = Enumerable.Range(0, 128).OrderByDescending(i => p[i]).Take(k).ToHashSet();
            Assert.Equal(expected, Enumerable.Range(0, 128).Where(i => q[i] > 0).ToHashSet());
            Assert.Equal(1.0, q.Sum(), 12);
        }
        // Ties: still exactly k.
        Assert.Equal(3, ProbabilityFilters.TopK(Enumerable.Repeat(1.0 / 128, 128).ToArray(), 3).Count(x => x > 0));
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_whose_mass_reaches_p()
    {
        var kept = ProbabilityFilters.TopP([0.05, 0.5, 0.15, 0.3], 0.75);
        Assert.Equal(new[] { 0.0, 0.5 / 0.8, 0.0, 0.3 / 0.8 }, kept, new ToleranceComparer(1e-12));

        using var logits = RandomLogits(16, 2);
        foreach (var p in new[] { 0.3, 0.9, 0.99 })
        {
            for (var r = 0; r < 16; r++)
            {
                var original = SoftmaxRow(logits, r);
                var filtered = ProbabilityFilters.TopP(original, p);
                var keptIds = Enumerable.Range(0, 128).Where(i => filtered[i] > 0).ToList();
                var mass = keptIds.Sum(i => original[i]);
                Assert.True(mass >= p, $"kept mass {mass} < {p}");
                // Minimal: without its smallest member the set falls short of p, and nothing dropped outranks a kept one.
                Assert.True(mass - keptIds.Min(i => original[i]) < p);
                var dropped = Enumerable.Range(0, 128).Except(keptIds).ToList();
                if (dropped.Count > 0)
                    Assert.True(dropped.Max(i => original[i]) <= keptIds.Min(i => original[i]));
            }
        }
    }

    [Fact]
    public void Safe_normalisation_clears_bad_values_and_smooths()
    {
        var safe = ProbabilityFilters.SafeNormalise([double.NaN, -1, 0, 3]);
        Assert.Equal(1.0, safe.Sum(), 12);
        Assert.All(safe.Take(3), p => Assert.InRange(p, 1e-13, 1e-11));
        Assert.Equal(1.0, safe[3], 9);
    }

    [Theory]
    [InlineData(SamplingOrder.NotaGen)]
    [InlineData(SamplingOrder.TemperatureFirst)]
    public void Temperature_zero_and_near_zero_give_the_argmax(SamplingOrder order)
    {
        using var logits = RandomLogits(32, 3);
        var argmax = logits.argmax(-1).data<long>().ToArray();
        using var generator = new torch.Generator(7);

        var greedy = new CharSampler(new SamplingOptions(TopK: 9, TopP: 0.9, Temperature: 0, Order: order), generator);
        Assert.Equal(argmax, greedy.Sample(logits));

        var cold = new CharSampler(new SamplingOptions(TopK: 9, TopP: 0.9, Temperature: 1e-3, Order: order), generator);
        for (var draw = 0; draw < 5; draw++)
            Assert.Equal(argmax, cold.Sample(logits));
    }

    [Fact]
    public void NotaGen_order_leaves_only_negligible_mass_outside_the_top_k()
    {
        using var logits = RandomLogits(8, 4);
        using var generator = new torch.Generator(1);
        var sampler = new CharSampler(new SamplingOptions(TopK: 5, TopP: 1, Temperature: 1.2), generator);
        var distribution = sampler.Distribution(logits);
        for (var r = 0; r < 8; r++)
        {
            var top = Row(logits, r).Select((v, i) => (v, i)).OrderByDescending(x => x.v).Take(5).Select(x => x.i).ToHashSet();
            var q = distribution[r];
            Assert.Equal(1.0, q.Sum(), 9);
            Assert.True(Enumerable.Range(0, 128).Where(i => !top.Contains(i)).Sum(i => q[i]) < 1e-6);
            Assert.All(top, i => Assert.True(q[i] > 1e-6));
        }
    }

    [Fact]
    public void A_temperature_above_one_flattens_the_filtered_distribution_in_NotaGen_order()
    {
        using var logits = RandomLogits(1, 5);
        using var g = new torch.Generator(1);
        var cool = new CharSampler(new SamplingOptions(9, 1, 1.0), g).Distribution(logits)[0];
        var warm = new CharSampler(new SamplingOptions(9, 1, 2.0), g).Distribution(logits)[0];
        Assert.True(warm.Max() < cool.Max());
        Assert.Equal(Array.IndexOf(cool, cool.Max()), Array.IndexOf(warm, warm.Max()));
    }

    [Theory]
    [InlineData(SamplingOrder.NotaGen)]
    [InlineData(SamplingOrder.TemperatureFirst)]
    public void The_same_seed_gives_the_same_draws(SamplingOrder order)
    {
        using var logits = RandomLogits(4, 6);
        var options = new SamplingOptions(TopK: 20, TopP: 0.95, Temperature: 1.5, Order: order);
        long[] Draws(ulong seed)
        {
            using var generator = new torch.Generator(seed);
            var sampler = new CharSampler(options, generator);
            return Enumerable.Range(0, 100).SelectMany(_ => sampler.Sample(logits)).ToArray();
        }

        Assert.Equal(Draws(42), Draws(42));
        Assert.NotEqual(Draws(42), Draws(43));
    }

    [Fact]
    public void Draws_follow_the_distribution()
    {
        // Two candidates with probabilities 0.8 / 0.2 after filtering: 4000 draws land near 3200 / 800.
        var raw = Enumerable.Repeat(-50.0, 128).ToArray();
        raw[10] = Math.Log(0.8);
        raw[20] = Math.Log(0.2);
        using var logits = tensor(raw).unsqueeze(0);
        using var generator = new torch.Generator(11);
        var sampler = new CharSampler(new SamplingOptions(TopK: 0, TopP: 1, Temperature: 1), generator);
        var draws = Enumerable.Range(0, 4000).Select(_ => sampler.Sample(logits)[0]).ToList();
        Assert.InRange(draws.Count(d => d == 10), 3050, 3350);
        Assert.Equal(4000, draws.Count(d => d is 10 or 20));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    [Theory]
    [InlineData(9, 0.9, 1.2, SamplingOrder.NotaGen)]
    [InlineData(0, 0.5, 0.7, SamplingOrder.NotaGen)]
    [InlineData(5, 1.0, 0.0, SamplingOrder.NotaGen)]
    [InlineData(9, 0.9, 1.2, SamplingOrder.TemperatureFirst)]
    [InlineData(0, 1.0, 0.0, SamplingOrder.TemperatureFirst)]
    public void The_per_character_path_draws_what_the_distribution_gives(int topK, double topP, double temperature, SamplingOrder order)
    {
        using var generator = new torch.Generator(3);
        var sampler = new CharSampler(new SamplingOptions(topK, topP, temperature, order), generator);
        using var logits = RandomLogits(16, 7);
        var uniforms = new[] { 0.0, 0.1, 0.37, 0.5, 0.77, 0.999 };
        for (var r = 0; r < 16; r++)
        {
            var row = Row(logits, r).Select(x => (double)(float)x).ToArray();
            var floats = row.Select(x => (float)x).ToArray();
            var distribution = sampler.Distribution(row);
            foreach (var u in uniforms)
            {
                var expected = temperature <= 0 ? ProbabilityFilters.Argmax(distribution) : ProbabilityFilters.InverseCdf(distribution, u);
                Assert.Equal(expected, sampler.SampleRow(floats, u));
            }
        }
    }
}
