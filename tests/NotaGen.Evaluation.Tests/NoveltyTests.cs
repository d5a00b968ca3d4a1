using NotaGen.Evaluation.Novelty;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class NoveltyTests
{
    private static BarSequenceIndex Training()
    {
        var index = new BarSequenceIndex(ngram: 2);
        index.Add("first", ["a", "b", "c", "d", "e"]);
        index.Add("second", ["x", "y"]);
        return index;
    }

    [Fact]
    public void The_longest_copied_run_is_found_in_the_piece_it_comes_from()
    {
        var report = NoveltyMetrics.Measure(["q", "b", "c", "d", "y"], Training());
        Assert.Equal(3, report.LongestCopiedRun); // b c d
        Assert.Equal("first", report.CopiedFrom);
    }

    [Fact]
    public void Bar_ngram_overlap_is_the_share_of_the_piece_ngrams_seen_in_training()
    {
        // Bigrams qb bc cd dy; training has ab bc cd de xy.
        Assert.Equal(0.5, NoveltyMetrics.Measure(["q", "b", "c", "d", "y"], Training()).NGramOverlap);
    }

    [Fact]
    public void Edit_similarity_is_one_minus_levenshtein_over_the_longer_length_for_the_nearest_piece()
    {
        var report = NoveltyMetrics.Measure(["q", "b", "c", "d", "y"], Training());
        // vs first: substitute q→a and y→e: 1 − 2/5. vs second: delete three, substitute one: 1 − 4/5.
        Assert.Equal(0.6, report.NearestSimilarity, 12);
        Assert.Equal("first", report.Nearest);
        Assert.False(report.IsCopy);
        Assert.True(NoveltyMetrics.Measure(["a", "b", "c", "d", "e"], Training()).IsCopy);
    }

    [Fact]
    public void Unseen_bars_never_match_each_other()
    {
        var index = Training();
        Assert.Equal([-1, -1], index.Encode(["new", "new"]));
        Assert.Equal(0, NoveltyMetrics.LongestCopiedRun(index.Encode(["new", "new"]), index).Length);
        Assert.Equal(2, NoveltyMetrics.Levenshtein([-1, -1], [-1, -1]));
    }
}
