using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Splitting;
using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class SplitTests
{
    private static readonly SplitFractions Fractions = new(0.1, 0.1);

    [Fact]
    public void Same_key_gives_the_same_split_every_time()
    {
        for (var i = 0; i < 200; i++)
            Assert.Equal(SplitAssigner.Assign($"piece{i}", null, Fractions), SplitAssigner.Assign($"piece{i}", null, Fractions));
    }

    [Fact]
    public void Pieces_of_one_duplicate_group_share_a_split()
    {
        for (var g = 0; g < 50; g++)
        {
            var splits = Enumerable.Range(0, 10).Select(i => SplitAssigner.Assign($"source{i}/piece{g}", $"dup{g:D4}", Fractions)).Distinct();
            Assert.Single(splits);
        }
    }

    [Fact]
    public void Fractions_are_roughly_honoured()
    {
        var splits = Enumerable.Range(0, 5000).Select(i => SplitAssigner.Assign($"p{i}", null, Fractions)).ToList();
        // 10% of 5000 = 500, binomial sd ≈ 21; 6 sd either side.
        Assert.InRange(splits.Count(s => s == CorpusSplits.Test), 373, 627);
        Assert.InRange(splits.Count(s => s == CorpusSplits.Validation), 373, 627);
    }

    [Fact]
    public void Zero_fractions_put_everything_in_train() =>
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(CorpusSplits.Train, SplitAssigner.Assign($"p{i}", null, new SplitFractions(0, 0))));

    [Fact]
    public void Bad_fractions_are_refused() => Assert.Throws<ArgumentException>(() => new SplitFractions(0.7, 0.5).Validate());
}

public class StratifiedSplitTests
{
    private static CorpusPiece Piece(string id, string period, string instrumentation) => new()
    {
        Id = id,
        Source = "s",
        SourcePath = id,
        Labels = new StylePrompt(period, null, instrumentation),
        Split = CorpusSplits.Train,
        Abc = "",
    };

    [Fact]
    public void Every_large_enough_period_and_instrumentation_has_validation_pieces()
    {
        // 1% validation: 25 pieces of one stratum would usually get none by hash alone.
        var pieces = Enumerable.Range(0, 25).Select(i => Piece($"song{i}", "Romantic", "Art Song"))
            .Concat(Enumerable.Range(0, 25).Select(i => Piece($"quartet{i}", "Classical", "Chamber")))
            .Concat(Enumerable.Range(0, 5).Select(i => Piece($"rare{i}", "Baroque", "Orchestral")))
            .ToList();
        var plan = new SplitPlan(new SplitFractions(0.01, 0.01), new NearDuplicateOptions(), MinStratumPieces: 20);
        var split = SplitPlanner.Assign(pieces, plan);
        Assert.Contains(split, p => p.Labels!.Instrumentation == "Art Song" && p.Split == CorpusSplits.Validation);
        Assert.Contains(split, p => p.Labels!.Instrumentation == "Chamber" && p.Split == CorpusSplits.Validation);
        // A stratum below the minimum is left to the hash, and the plan is the same every time.
        Assert.Equal(split.Select(p => p.Split), SplitPlanner.Assign(pieces, plan).Select(p => p.Split));
        Assert.Equal(
            pieces.Where(p => p.Id.StartsWith("rare", StringComparison.Ordinal)).Select(p => SplitAssigner.Assign(p.Id, null, plan.Fractions)),
            split.Where(p => p.Id.StartsWith("rare", StringComparison.Ordinal)).Select(p => p.Split));
    }
}
