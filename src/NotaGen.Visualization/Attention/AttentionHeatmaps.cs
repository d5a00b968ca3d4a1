using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Attention;

/// <summary>
/// Heatmaps of attention: queries down (first patch at the top), keys across, darker = more weight. Axes are labelled
/// with <see cref="PatchAxis"/> labels (bar and voice) or character positions.
/// </summary>
public static class AttentionHeatmaps
{
    public static GenericChart Heatmap(double[][] weights, IReadOnlyList<string> queryLabels, IReadOnlyList<string> keyLabels, string title)
    {
        if (weights.Length != queryLabels.Count || (weights.Length > 0 && weights[0].Length != keyLabels.Count))
            throw new ArgumentException($"a {weights.Length}×{(weights.Length == 0 ? 0 : weights[0].Length)} map needs {weights.Length} query and matching key labels; got {queryLabels.Count} and {keyLabels.Count}");
        var size = Math.Clamp(120 + 14 * Math.Max(queryLabels.Count, keyLabels.Count), 360, 900);
        return CSharpChart.Heatmap<double, string, string, string>(
                zData: HeatmapValues.Compact(weights),
                X: keyLabels.ToArray(),
                Y: queryLabels.ToArray(),
                ColorScale: StyleParam.Colorscale.Viridis,
                ReverseYAxis: true)
            .WithXAxisStyle<double, double, string>(TitleText: "attended to (key)")
            .WithYAxisStyle<double, double, string>(TitleText: "attending (query)")
            .WithSize(Width: size + 120, Height: size)
            .WithTitle(title);
    }

    /// <summary>Square map of one patch layer (or an average, or the rollout) labelled by bar and voice.</summary>
    public static GenericChart PatchMap(double[][] weights, IReadOnlyList<string> patchLabels, string title) =>
        Heatmap(weights, patchLabels, patchLabels, title);

    /// <summary>Every head of every layer as small heatmaps in one grid (rows = layers, columns = heads).</summary>
    public static GenericChart LayerHeadGrid(IReadOnlyList<IReadOnlyList<double[][]>> layers, IReadOnlyList<string> patchLabels, string title)
    {
        var heads = layers.Count == 0 ? 0 : layers[0].Count;
        var charts = new List<GenericChart>();
        var titles = new List<string>();
        for (var layer = 0; layer < layers.Count; layer++)
            for (var head = 0; head < heads; head++)
            {
                charts.Add(CSharpChart.Heatmap<double, string, string, string>(zData: HeatmapValues.Compact(layers[layer][head]), X: patchLabels.ToArray(), Y: patchLabels.ToArray(),
                    ColorScale: StyleParam.Colorscale.Viridis, ShowScale: false, ReverseYAxis: true));
                titles.Add($"layer {layer} · head {head}");
            }
        return CSharpChart.Grid(charts, layers.Count, heads, SubPlotTitles: titles.ToArray())
            .WithSize(Width: Math.Min(1200, 320 * heads), Height: Math.Min(1600, 300 * layers.Count))
            .WithTitle(title);
    }
}
