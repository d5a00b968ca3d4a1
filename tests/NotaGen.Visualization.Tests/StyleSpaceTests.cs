using NotaGen.Visualization.StyleSpace;
using Plotly.NET;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class StyleSpaceTests
{
    [Fact]
    public void Points_on_a_line_have_one_component_that_keeps_their_distances()
    {
        IReadOnlyList<double>[] points = [[0, 0, 0], [1, 2, 2], [2, 4, 4], [-1, -2, -2]];
        var pca = PrincipalComponents.Of(points);
        Assert.Equal(1, pca.ExplainedVariance[0], 9);
        Assert.Equal(0, pca.ExplainedVariance[1], 9);
        // |(1,2,2)| = 3: consecutive points are 3 apart along PC1.
        Assert.Equal(3, Math.Abs(pca.Scores[1][0] - pca.Scores[0][0]), 9);
        Assert.Equal(6, Math.Abs(pca.Scores[2][0] - pca.Scores[0][0]), 9);
        Assert.True(pca.Scores[2][0] > 0, "the sign is fixed so the largest score is positive");
    }

    [Fact]
    public void Cosine_similarity_is_one_on_the_diagonal_zero_for_orthogonal_and_zero_rows()
    {
        IReadOnlyList<double>[] vectors = [[1, 0], [0, 3], [2, 0], [0, 0]];
        var m = CosineSimilarity.Matrix(vectors);
        Assert.Equal(1, m[0][0], 12);
        Assert.Equal(0, m[0][1], 12);
        Assert.Equal(1, m[0][2], 12);
        Assert.Equal(0, m[3][0]);
        Assert.Equal(m[1][2], m[2][1]);
    }

    [Fact]
    public void The_pca_chart_has_one_trace_per_group_with_point_names()
    {
        StyleVector[] vectors =
        [
            new("Bach", "Baroque", [1, 0, 0]),
            new("Handel", "Baroque", [0.9, 0.1, 0]),
            new("Mozart", "Classical", [0, 1, 0]),
            new("Chopin", "Romantic", [0, 0, 1]),
        ];
        var html = GenericChart.toChartHTML(StyleSpaceCharts.Pca(vectors, "composers"));
        foreach (var text in new[] { "Baroque", "Classical", "Romantic", "Handel", "PC1" })
            Assert.Contains(text, html);
    }
}
