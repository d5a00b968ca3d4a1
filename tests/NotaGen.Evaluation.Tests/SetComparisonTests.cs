using NotaGen.Evaluation.SetComparison;
using NotaGen.Music.Time;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class SetComparisonTests
{
    [Fact]
    public void Features_of_a_half_quarter_quarter_piece()
    {
        // C half, E quarter, G quarter in 4/4 (whole notes 1/2, 1/4, 1/4); onsets 0, 1/2, 3/4.
        var piece = Pieces.Analyze("X:1\nL:1/4\nM:4/4\nK:C\nC2 E G|]\n");
        var f = YangLerchFeatures.Compute(piece.Events!);
        Assert.Equal([3.0], f["PC"]);
        Assert.Equal([3.0], f["NC"]);
        Assert.Equal(0.5, f["PCH"][0], 12);
        Assert.Equal(0.25, f["PCH"][4], 12);
        Assert.Equal(0.25, f["PCH"][7], 12);
        Assert.Equal([7.0], f["PR"]);
        Assert.Equal([3.5], f["PI"]); // |4| and |3|
        Assert.Equal([1.5], f["IOI"]); // 3 quarters over 2 gaps
        Assert.Equal(0.5, f["PCTM"][0 * 12 + 4], 12); // C→E and E→G, each half the transitions
        Assert.Equal(0.5, f["PCTM"][4 * 12 + 7], 12);
        Assert.Equal(1.0 / 3, f["NLH"][1], 12); // half
        Assert.Equal(2.0 / 3, f["NLH"][2], 12); // quarter
    }

    [Fact]
    public void Note_lengths_go_to_the_nearest_of_the_twelve_classes()
    {
        Assert.Equal(2, NoteLengthClasses.Classify(new Rational(1, 4)));
        Assert.Equal(6, NoteLengthClasses.Classify(new Rational(3, 8))); // dotted quarter = 36
        Assert.Equal(11, NoteLengthClasses.Classify(new Rational(1, 12))); // 8th triplet = 8
        Assert.Equal(0, NoteLengthClasses.Classify(new Rational(2, 1))); // a breve is nearest the whole
    }

    [Fact]
    public void Kde_bandwidth_is_scotts_rule()
    {
        var kde = GaussianKde.Fit([0, 1, 2])!;
        Assert.Equal(Math.Pow(3, -0.2), kde.Bandwidth, 12); // sd 1 × 3^(−1/5)
        Assert.Null(GaussianKde.Fit([1, 1, 1]));
    }

    [Fact]
    public void The_overlap_of_a_sample_with_itself_is_its_density_mass_inside_the_sample_range()
    {
        // ∫₀² p = (1/3) Σᵢ [Φ((2 − xᵢ)/h) − Φ(−xᵢ/h)] with h = 3^(−1/5): 0.5914716 (mgeval integrates over the same range).
        Assert.Equal(0.5914716, SetDistances.OverlapArea([0, 1, 2], [0, 1, 2]), 5);
        Assert.Equal(0.0, SetDistances.KlDivergence([0, 1, 2], [0, 1, 2]), 12);
        Assert.True(SetDistances.KlDivergence([0, 1, 2], [5, 6, 7]) > 1);
        Assert.True(SetDistances.OverlapArea([0, 1, 2], [50, 51, 52]) < 1e-6);
    }

    [Fact]
    public void Intra_distances_take_each_pair_once_and_inter_distances_every_cross_pair()
    {
        double[][] a = [[0, 0], [3, 4]];
        double[][] b = [[0, 0]];
        Assert.Equal([5.0], SetDistances.IntraDistances(a));
        Assert.Equal([0.0, 5.0], SetDistances.InterDistances(a, b));
    }
}
