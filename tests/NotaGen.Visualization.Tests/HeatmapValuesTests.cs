using System.Text.Json.Nodes;
using NotaGen.Visualization.Attention;
using Plotly.NET;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class HeatmapValuesTests
{
    [Fact]
    public void A_causal_map_keeps_its_lower_triangle_rounded_to_a_thousandth_of_its_top()
    {
        double[][] map = [[1.0, 0, 0], [0.123456, 0.876544, 0], [0.2, 0.30004, 0.49996]];
        var compact = HeatmapValues.Compact(map);
        Assert.Equal([[1.0], [0.123, 0.877], [0.2, 0.3, 0.5]], compact);
    }

    [Fact]
    public void A_map_with_any_weight_right_of_the_diagonal_keeps_every_cell()
    {
        double[][] map = [[0.5, 0.5], [0.25, 0.75]];
        Assert.False(HeatmapValues.IsCausal(map));
        Assert.Equal([[0.5, 0.5], [0.25, 0.75]], HeatmapValues.Compact(map));
        // Not square: a character map (state column plus characters) is never trimmed.
        Assert.False(HeatmapValues.IsCausal([[1.0, 0], [0.5, 0.5], [0.2, 0.8]]));
    }

    [Fact]
    public void Small_values_keep_four_significant_digits_at_the_top_of_their_range()
    {
        // The largest weight is 0.0123: rounded to 0.00001, not to zero.
        var compact = HeatmapValues.Compact([[0.0123456, 0.0000049], [0.00456789, 0.0001]]);
        Assert.Equal([[0.01235, 0.0], [0.00457, 0.0001]], compact);
    }

    [Fact]
    public void The_heatmap_figure_carries_the_compact_rows()
    {
        double[][] map = [[1.0, 0, 0], [0.4, 0.6, 0], [0.1234567, 0.2, 0.6765433]];
        var chart = AttentionHeatmaps.PatchMap(map, ["a", "b", "c"], "t");
        var trace = JsonNode.Parse(GenericChart.toJson(chart))!["data"]![0]!;
        var rows = trace["z"]!.AsArray().Select(r => r!.AsArray().Select(v => (double)v!).ToArray()).ToArray();
        Assert.Equal([[1.0], [0.4, 0.6], [0.123, 0.2, 0.677]], rows);
    }
}
