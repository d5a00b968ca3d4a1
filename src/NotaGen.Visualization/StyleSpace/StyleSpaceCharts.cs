using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.StyleSpace;

/// <summary>
/// Pictures of a style space: the first two principal components with one colour per group (period), and the cosine
/// similarity heatmap. Points close together are styles the model treats alike.
/// </summary>
public static class StyleSpaceCharts
{
    public static GenericChart Pca(IReadOnlyList<StyleVector> vectors, string title)
    {
        var pca = PrincipalComponents.Of([.. vectors.Select(v => v.Values)]);
        var traces = vectors.Select((v, i) => (Vector: v, Score: pca.Scores[i]))
            .GroupBy(p => p.Vector.Group ?? "other")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => CSharpChart.Point<double, double, string>(
                x: g.Select(p => p.Score[0]),
                y: g.Select(p => p.Score.Length > 1 ? p.Score[1] : 0),
                Name: g.Key,
                MultiText: g.Select(p => p.Vector.Name).ToArray(),
                TextPosition: StyleParam.TextPosition.TopCenter));
        var explained = pca.ExplainedVariance;
        return CSharpChart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: $"PC1 ({explained[0]:P0} of variance)")
            .WithYAxisStyle<double, double, string>(TitleText: explained.Count > 1 ? $"PC2 ({explained[1]:P0})" : "PC2")
            .WithSize(Width: 800, Height: 600)
            .WithTitle(title);
    }

    public static GenericChart Similarity(IReadOnlyList<StyleVector> vectors, string title)
    {
        var names = vectors.Select(v => v.Name).ToList();
        var matrix = CosineSimilarity.Matrix([.. vectors.Select(v => v.Values)]);
        var size = Math.Clamp(200 + 18 * names.Count, 400, 1000);
        return CSharpChart.Heatmap<double, string, string, string>(zData: matrix, X: names.ToArray(), Y: names.ToArray(),
                ColorScale: StyleParam.Colorscale.RdBu, ReverseYAxis: true)
            .WithSize(Width: size + 150, Height: size)
            .WithTitle(title);
    }
}
