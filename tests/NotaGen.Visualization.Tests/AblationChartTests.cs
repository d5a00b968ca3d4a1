using NotaGen.Visualization.Charts;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class AblationChartTests
{
    // A 2 × 2 × 2 grid whose value is k + 10 p + 100 t, so every cell can be recognised in the chart data.
    private static readonly AblationPoint[] Points =
    [
        .. from k in new[] { 9, 5 }
           from p in new[] { 0.95, 0.9 }
           from t in new[] { 1.8, 1.2 }
           select new AblationPoint(k, p, t, k + 10 * p + 100 * t),
    ];

    [Fact]
    public void Temperature_lines_are_one_per_top_k_and_top_p_with_temperatures_ascending()
    {
        var series = AblationCharts.ByTemperature(Points);
        Assert.Equal(["top_k 5, top_p 0.9", "top_k 5, top_p 0.95", "top_k 9, top_p 0.9", "top_k 9, top_p 0.95"], series.Select(s => s.Name));
        Assert.All(series, s => Assert.Equal([1.2, 1.8], s.Temperatures));
        var last = series[3];
        Assert.Equal([9 + 9.5 + 120, 9 + 9.5 + 180], last.Values);
    }

    [Fact]
    public void A_second_sampling_order_gets_its_own_lines_named_by_order()
    {
        var series = AblationCharts.ByTemperature([.. Points, new AblationPoint(5, 0.9, 1.2, 1, "temperature-first")]);
        Assert.Equal(5, series.Count);
        Assert.Equal("top_k 5, top_p 0.9, notagen", series[0].Name);
        Assert.Equal("top_k 5, top_p 0.9, temperature-first", series[4].Name);
        Assert.Equal([1.0], series[4].Values);
    }

    [Fact]
    public void The_heatmap_grid_has_top_p_rows_and_top_k_columns_at_one_temperature()
    {
        var grid = AblationCharts.Grid(Points, 1.8);
        Assert.Equal([5, 9], grid.TopK);
        Assert.Equal([0.9, 0.95], grid.TopP);
        Assert.Equal(5 + 9 + 180, grid.Values[0][0], 9);
        Assert.Equal(9 + 9 + 180, grid.Values[0][1], 9);
        Assert.Equal(5 + 9.5 + 180, grid.Values[1][0], 9);
    }

    [Fact]
    public void A_missing_cell_is_NaN_and_a_missing_temperature_is_an_error()
    {
        var grid = AblationCharts.Grid(Points.Where(p => !(p.TopK == 9 && p.TopP == 0.9)), 1.2);
        Assert.True(double.IsNaN(grid.Values[0][1]));
        Assert.False(double.IsNaN(grid.Values[1][1]));
        var error = Assert.Throws<ArgumentException>(() => AblationCharts.Grid(Points, 2.2));
        Assert.Contains("temperature 2.2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_values_for_one_cell_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => AblationCharts.ByTemperature([.. Points, Points[0]]));
        Assert.Contains("top_k 9, top_p 0.95, temperature 1.8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_heatmap_temperature_is_the_grid_temperature_nearest_NotaGens_default()
    {
        Assert.Equal(1.2, AblationCharts.NearestTemperature(Points));
        Assert.Equal(1.8, AblationCharts.NearestTemperature(Points.Where(p => p.Temperature != 1.2)));
        Assert.Equal(1.8, AblationCharts.NearestTemperature(Points, 2.2));
    }

    [Fact]
    public void The_charts_carry_the_series_names()
    {
        var html = Plotly.NET.GenericChart.toChartHTML(AblationCharts.MetricByTemperature(Points, "parses"));
        Assert.Contains("top_k 9, top_p 0.95", html, StringComparison.Ordinal);
        var heatmap = Plotly.NET.GenericChart.toChartHTML(AblationCharts.Heatmap(Points, "parses", 1.2));
        Assert.Contains("\"heatmap\"", heatmap, StringComparison.Ordinal);
    }
}
