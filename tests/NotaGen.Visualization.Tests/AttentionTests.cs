using NotaGen.Tokenization;
using NotaGen.Visualization.Attention;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class AttentionTests
{
    private static IReadOnlyList<int> Ids(string text, bool close = true)
    {
        var ids = text.Select(c => (int)c).ToList();
        if (close && ids.Count < 16) ids.Add(PatchVocabulary.Eos);
        while (ids.Count < 16) ids.Add(PatchVocabulary.Pad);
        return ids;
    }

    // The patches of reference/tokenizer-example.txt from K:G on, between its BOS and EOS patches.
    private static readonly IReadOnlyList<int>[] Piece =
    [
        [.. Enumerable.Repeat(PatchVocabulary.Bos, 15), PatchVocabulary.Eos],
        Ids("K:G\n"),
        Ids("[r:0/2][V:1]\"^Al", close: false),
        Ids("legro\" d2 B G A2", close: false),
        Ids("|[V:2][GB]2 d4"),
        Ids("|[V:3]G,,6|\n"),
        Ids("[r:1/1][V:2]c6"),
        Ids("|[V:3]F,6|\n"),
        [PatchVocabulary.Bos, .. Enumerable.Repeat(PatchVocabulary.Eos, 15)],
    ];

    [Fact]
    public void Patches_are_labelled_by_bar_and_voice_with_their_index()
    {
        var labels = PatchAxis.Labels(Piece);
        Assert.Equal(["0 BOS", "1 K:G", "2 [r:0][V:1]", "3 [r:0][V:1]", "4 [r:0][V:2]", "5 [r:0][V:3]", "6 [r:1][V:2]", "7 [r:1][V:3]", "8 EOS"], labels);
    }

    [Fact]
    public void Head_average_is_the_element_wise_mean()
    {
        double[][] a = [[1, 0], [0.5, 0.5]];
        double[][] b = [[1, 0], [0.1, 0.9]];
        var mean = AttentionMath.HeadAverage([a, b]);
        Assert.Equal(0.3, mean[1][0], 12);
        Assert.Equal(0.7, mean[1][1], 12);
    }

    [Fact]
    public void Rollout_rows_sum_to_one_and_attention_to_self_alone_rolls_out_to_the_identity()
    {
        double[][] self = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
        var identity = AttentionMath.Rollout([self, self]);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(i == j ? 1 : 0, identity[i][j], 12);

        double[][] first = [[1, 0, 0], [1, 0, 0], [1, 0, 0]];   // every query on patch 0
        var rolled = AttentionMath.Rollout([first, first]);
        foreach (var row in rolled)
            Assert.Equal(1, row.Sum(), 12);
        // Two layers of half-self, half-first: the last query keeps 1/4 on itself, the rest flows to patch 0.
        Assert.Equal(0.25, rolled[2][2], 12);
        Assert.Equal(0.75, rolled[2][0], 12);
    }

    [Fact]
    public void Attention_summed_by_bar_keeps_rows_summing_to_one()
    {
        var labels = PatchAxis.Describe(Piece);
        var n = Piece.Length;
        // Uniform causal attention.
        var map = Enumerable.Range(0, n).Select(q => Enumerable.Range(0, n).Select(k => k <= q ? 1.0 / (q + 1) : 0).ToArray()).ToArray();
        var byBar = AttentionByBar.Aggregate(map, labels);
        Assert.Equal(["BOS", "header", "bar 0", "bar 1", "EOS"], byBar.Groups);
        foreach (var row in byBar.Weights)
            Assert.Equal(1, row.Sum(), 12);
        // Bar 0 (patches 2..5) never sees bar 1.
        Assert.Equal(0, byBar.Weights[2][3]);
    }
}
