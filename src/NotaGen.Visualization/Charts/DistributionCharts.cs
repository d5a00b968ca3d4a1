using Microsoft.Data.Analysis;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Charts;

/// <summary>
/// Bar charts and histograms of the distributions in a DataFrame: long-format totals (columns <c>axis</c>,
/// <c>value</c> and a measure, as NotaGen.Corpus's <c>CorpusFrames.ByAxis</c> gives) and per-row numbers (a column of
/// <c>CorpusFrames.Pieces</c>). Knows column names, not where the frame came from.
/// </summary>
public static class DistributionCharts
{
    /// <summary>Bars of <paramref name="measure"/> for each value of <paramref name="axis"/>, largest first, at most <paramref name="top"/>.</summary>
    public static GenericChart ByAxis(DataFrame totals, string axis, string measure = "pieces", int top = 40)
    {
        var axisColumn = totals.Columns["axis"];
        var valueColumn = totals.Columns["value"];
        var measureColumn = totals.Columns[measure];
        var rows = Enumerable.Range(0, (int)totals.Rows.Count)
            .Where(i => (string?)axisColumn[i] == axis)
            .Select(i => (Label: (string?)valueColumn[i] ?? "(none)", Value: Convert.ToDouble(measureColumn[i], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderByDescending(r => r.Value).ThenBy(r => r.Label, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        return CSharpChart.Bar<double, string, string>(
                values: rows.Select(r => r.Value).ToArray(),
                Keys: rows.Select(r => r.Label).ToArray(),
                Name: measure)
            .WithXAxisStyle<double, double, string>(TitleText: measure)
            .WithYAxisStyle<double, double, string>(TitleText: axis);
    }

    /// <summary><see cref="ByAxis"/> for every axis in the frame except "all", in the frame's order.</summary>
    public static IReadOnlyList<GenericChart> AllAxes(DataFrame totals, string measure = "pieces", int top = 40)
    {
        var axisColumn = totals.Columns["axis"];
        var axes = Enumerable.Range(0, (int)totals.Rows.Count).Select(i => (string?)axisColumn[i]).OfType<string>()
            .Where(a => a != "all").Distinct().ToList();
        return axes.Select(a => ByAxis(totals, a, measure, top)).ToList();
    }

    /// <summary>A histogram of a numeric column (bars or patches per piece, say).</summary>
    public static GenericChart Histogram(DataFrame rows, string column, int bins = 50)
    {
        var source = rows.Columns[column];
        var values = Enumerable.Range(0, (int)rows.Rows.Count)
            .Where(i => source[i] is not null)
            .Select(i => Convert.ToDouble(source[i], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return CSharpChart.Histogram<double, double, string>(X: values, NBinsX: bins, Name: column)
            .WithXAxisStyle<double, double, string>(TitleText: column)
            .WithYAxisStyle<double, double, string>(TitleText: "count");
    }
}
