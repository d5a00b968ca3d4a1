using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Charts;

/// <summary>One cell of a sampling ablation and one metric's value there (a mean over the cell's pieces; NaN when none had it).</summary>
public sealed record AblationPoint(int TopK, double TopP, double Temperature, double Value, string Order = "notagen");

/// <summary>
/// Pictures of a sampling ablation over top-k, top-p and temperature: a metric against temperature with one line per
/// (top-k, top-p), and a heatmap of the metric over top-k × top-p at one temperature. Takes plain points, so it knows
/// nothing of the runner that measured them.
/// </summary>
public static class AblationCharts
{
    /// <summary>NotaGen's default temperature: the heatmap's temperature when a grid holds it.</summary>
    public const double NotaGenTemperature = 1.2;

    /// <summary>One line: the metric at each temperature (ascending) for one (top-k, top-p, order).</summary>
    public sealed record TemperatureSeries(string Name, int TopK, double TopP, string Order, IReadOnlyList<double> Temperatures, IReadOnlyList<double> Values);

    /// <summary>The heatmap's cells: <c>Values[row][column]</c> is the metric at <c>TopP[row]</c>, <c>TopK[column]</c> (NaN where the grid has no cell).</summary>
    public sealed record TopKTopPGrid(double Temperature, string Order, IReadOnlyList<int> TopK, IReadOnlyList<double> TopP, IReadOnlyList<IReadOnlyList<double>> Values);

    public static IReadOnlyList<TemperatureSeries> ByTemperature(IEnumerable<AblationPoint> points)
    {
        var list = Checked(points);
        var orders = list.Select(p => p.Order).Distinct(StringComparer.Ordinal).Count();
        return list.GroupBy(p => (p.Order, p.TopK, p.TopP))
            .OrderBy(g => g.Key.Order, StringComparer.Ordinal).ThenBy(g => g.Key.TopK).ThenBy(g => g.Key.TopP)
            .Select(g =>
            {
                var sorted = g.OrderBy(p => p.Temperature).ToList();
                var name = string.Create(CultureInfo.InvariantCulture, $"top_k {g.Key.TopK}, top_p {g.Key.TopP}") + (orders > 1 ? $", {g.Key.Order}" : "");
                return new TemperatureSeries(name, g.Key.TopK, g.Key.TopP, g.Key.Order, [.. sorted.Select(p => p.Temperature)], [.. sorted.Select(p => p.Value)]);
            })
            .ToList();
    }

    /// <summary>The metric over top-k × top-p at <paramref name="temperature"/> for one sampling order (the first in order of name when null).</summary>
    public static TopKTopPGrid Grid(IEnumerable<AblationPoint> points, double temperature, string? order = null)
    {
        var list = Checked(points);
        order ??= list.Select(p => p.Order).Order(StringComparer.Ordinal).FirstOrDefault();
        var at = list.Where(p => p.Order == order && p.Temperature == temperature).ToList();
        if (at.Count == 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the ablation has no cell at temperature {temperature} (order {order ?? "none"})"));
        var topK = at.Select(p => p.TopK).Distinct().Order().ToList();
        var topP = at.Select(p => p.TopP).Distinct().Order().ToList();
        var values = topP.Select(p => (IReadOnlyList<double>)[.. topK.Select(k => at.FirstOrDefault(c => c.TopK == k && c.TopP == p)?.Value ?? double.NaN)]).ToList();
        return new TopKTopPGrid(temperature, order!, topK, topP, values);
    }

    /// <summary>The grid's temperature closest to <paramref name="target"/> (the lower one on a tie).</summary>
    public static double NearestTemperature(IEnumerable<AblationPoint> points, double target = NotaGenTemperature)
    {
        var temperatures = Checked(points).Select(p => p.Temperature).Distinct().Order().ToList();
        if (temperatures.Count == 0) throw new ArgumentException("the ablation has no cells");
        return temperatures.MinBy(t => Math.Abs(t - target));
    }

    public static GenericChart MetricByTemperature(IEnumerable<AblationPoint> points, string metric)
    {
        var series = ByTemperature(points);
        var traces = series.Select(s => CSharpChart.Line<double, double, string>(s.Temperatures, s.Values, Name: s.Name, ShowMarkers: true));
        return CSharpChart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: "temperature")
            .WithYAxisStyle<double, double, string>(TitleText: metric)
            .WithSize(Width: 900, Height: 500)
            .WithTitle($"{metric} by temperature, one line per (top_k, top_p)");
    }

    public static GenericChart Heatmap(IEnumerable<AblationPoint> points, string metric, double temperature, string? order = null)
    {
        var grid = Grid(points, temperature, order);
        // Category labels, so 5, 9 and 15 sit evenly spaced like the grid's cells.
        var x = grid.TopK.Select(k => "top_k " + k.ToString(CultureInfo.InvariantCulture)).ToArray();
        var y = grid.TopP.Select(p => "top_p " + p.ToString("R", CultureInfo.InvariantCulture)).ToArray();
        return CSharpChart.Heatmap<double, string, string, string>(zData: grid.Values, X: x, Y: y, Name: metric, ColorScale: StyleParam.Colorscale.Viridis)
            .WithXAxisStyle<double, double, string>(TitleText: "top_k")
            .WithYAxisStyle<double, double, string>(TitleText: "top_p")
            .WithSize(Width: 700, Height: 500)
            .WithTitle(string.Create(CultureInfo.InvariantCulture, $"{metric} over top_k × top_p at temperature {temperature}"));
    }

    /// <summary>The points as a list; two points for the same cell are a mistake upstream, not something to average silently.</summary>
    private static List<AblationPoint> Checked(IEnumerable<AblationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        var twice = list.GroupBy(p => (p.Order, p.TopK, p.TopP, p.Temperature)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the ablation has {twice.Count()} values for one cell (top_k {twice.Key.TopK}, top_p {twice.Key.TopP}, temperature {twice.Key.Temperature}, {twice.Key.Order})"));
        return list;
    }
}
