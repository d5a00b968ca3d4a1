using System.Globalization;
using NotaGen.Visualization.Charts;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// The figures of a sampling ablation, written beside its results.csv: for each headline metric, the metric by
/// temperature (one line per top-k/top-p) and a top-k × top-p heatmap at the grid temperature nearest NotaGen's 1.2,
/// each as HTML (and SVG/PNG when asked) with the data it draws as CSV.
/// </summary>
public static class AblationFigures
{
    /// <summary>Validity, bar alignment, structure, novelty and style: the metrics the seed's claims are about.</summary>
    public static readonly string[] Metrics = ["parses", "abc2midi_ok", "bar_alignment_error", "repetition_rate", "intra_similarity", "nearest_edit_similarity", "style_score"];

    /// <summary>Writes the figures of every headline metric that has a value somewhere; returns the files written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<AblationResultRow> rows, string directory, bool staticImages)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var written = new List<string>();
        var present = AblationResults.MetricNames(rows);
        foreach (var metric in Metrics.Where(present.Contains))
        {
            var points = AblationResults.Points(rows, metric);
            if (points.All(p => double.IsNaN(p.Value))) continue;
            string[] columns = ["order", "top_k", "top_p", "temperature", metric];
            var data = points.OrderBy(p => p.Order, StringComparer.Ordinal).ThenBy(p => p.TopK).ThenBy(p => p.TopP).ThenBy(p => p.Temperature)
                .Select(p => (IReadOnlyList<object?>)[p.Order, p.TopK, p.TopP, p.Temperature, double.IsNaN(p.Value) ? null : p.Value]).ToList();
            written.AddRange(FigureFiles.Save(AblationCharts.MetricByTemperature(points, metric), directory, $"{metric}-by-temperature", columns, data, staticImages));
            var temperature = AblationCharts.NearestTemperature(points);
            var grid = AblationCharts.Grid(points, temperature);
            var cells = grid.TopP.SelectMany((p, row) => grid.TopK.Select((k, column) =>
                (IReadOnlyList<object?>)[grid.Order, k, p, temperature, double.IsNaN(grid.Values[row][column]) ? null : grid.Values[row][column]])).ToList();
            written.AddRange(FigureFiles.Save(AblationCharts.Heatmap(points, metric, temperature, grid.Order), directory,
                string.Create(CultureInfo.InvariantCulture, $"{metric}-heatmap-t{temperature}"), columns, cells, staticImages));
        }
        return written;
    }
}
