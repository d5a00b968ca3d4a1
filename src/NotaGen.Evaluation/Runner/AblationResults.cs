using System.Globalization;
using Microsoft.Data.Analysis;
using NotaGen.Music.Text;
using NotaGen.Visualization.Charts;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// One row of an ablation's results.csv: a cell's sampling settings, one prompt, and the mean of each metric over its
/// pieces (NaN: no piece had it); the cell's decoding constraint when the grid had a constraint axis.
/// </summary>
public sealed record AblationResultRow(string Cell, string Order, int TopK, double TopP, double Temperature, string Prompt, int Samples, IReadOnlyDictionary<string, double> Metrics,
    string? Constraint = null);

/// <summary>
/// An ablation's results.csv read back (a finished run, a resumed one, or one from another machine), as rows, as a
/// DataFrame for notebooks, and as the plain points the ablation charts draw.
/// </summary>
public static class AblationResults
{
    private static readonly string[] Fixed = ["cell", "order", "top_k", "top_p", "temperature", "prompt", "samples"];

    /// <summary>The optional column after <c>samples</c> that a grid with a constraint axis writes.</summary>
    public const string ConstraintColumn = "constraint";

    /// <summary>Reads results.csv; a malformed row is an error naming the file and line.</summary>
    public static IReadOnlyList<AblationResultRow> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !DelimitedRow.Split(lines[0], ',').Take(Fixed.Length).SequenceEqual(Fixed))
            throw new InvalidDataException($"{path}:1: not an ablation results.csv (the header must start {string.Join(',', Fixed)})");
        var header = DelimitedRow.Split(lines[0], ',');
        var withConstraint = header.Count > Fixed.Length && header[Fixed.Length] == ConstraintColumn;
        var rows = new List<AblationResultRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = DelimitedRow.Split(lines[i], ',');
            if (cells.Count != header.Count)
                throw new InvalidDataException($"{path}:{i + 1}: {cells.Count} cells for {header.Count} columns");
            double Number(int column) => cells[column].Length == 0 ? double.NaN
                : double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new InvalidDataException($"{path}:{i + 1}: {header[column]} '{cells[column]}' is not a number");
            var first = withConstraint ? Fixed.Length + 1 : Fixed.Length;
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var c = first; c < header.Count; c++)
                metrics[header[c]] = Number(c);
            var constraint = withConstraint ? cells[Fixed.Length] : null;
            rows.Add(new AblationResultRow(cells[0], cells[1], (int)Number(2), Number(3), Number(4), cells[5], (int)Number(6), metrics, constraint));
        }
        return rows;
    }

    /// <summary>The metric columns of the rows, in results.csv's order.</summary>
    public static IReadOnlyList<string> MetricNames(IReadOnlyList<AblationResultRow> rows) =>
        rows.Count == 0 ? [] : [.. rows[0].Metrics.Keys];

    /// <summary>
    /// One point per cell: the mean over prompts of the per-prompt means (each prompt counts the same), NaN prompts
    /// left out; <paramref name="prompt"/> keeps one prompt only.
    /// </summary>
    public static IReadOnlyList<AblationPoint> Points(IReadOnlyList<AblationResultRow> rows, string metric, string? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(metric);
        if (rows.Count > 0 && !rows[0].Metrics.ContainsKey(metric))
            throw new ArgumentException($"the results have no metric '{metric}' (they have {string.Join(", ", MetricNames(rows))})");
        return rows.Where(r => prompt is null || r.Prompt == prompt)
            .GroupBy(r => r.Cell, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var values = g.Select(r => r.Metrics[metric]).Where(v => !double.IsNaN(v)).ToList();
                // A constraint axis is one more series dimension: the charts' lines and heatmaps are per order, so
                // cells that differ only in their constraint must not share one.
                var series = first.Constraint is { } constraint ? $"{first.Order}, constraint {constraint}" : first.Order;
                return new AblationPoint(first.TopK, first.TopP, first.Temperature, values.Count == 0 ? double.NaN : values.Average(), series);
            })
            .ToList();
    }

    /// <summary>The rows as a DataFrame: the sampling columns, prompt, samples, the constraint when the grid had that axis, and the given metrics (all when null).</summary>
    public static DataFrame Frame(IReadOnlyList<AblationResultRow> rows, IReadOnlyList<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var frame = new DataFrame(
            new StringDataFrameColumn("order", rows.Select(r => r.Order)),
            new Int32DataFrameColumn("top_k", rows.Select(r => (int?)r.TopK)),
            new DoubleDataFrameColumn("top_p", rows.Select(r => (double?)r.TopP)),
            new DoubleDataFrameColumn("temperature", rows.Select(r => (double?)r.Temperature)),
            new StringDataFrameColumn("prompt", rows.Select(r => r.Prompt)),
            new Int32DataFrameColumn("samples", rows.Select(r => (int?)r.Samples)));
        if (rows.Any(r => r.Constraint is not null))
            frame.Columns.Add(new StringDataFrameColumn(ConstraintColumn, rows.Select(r => r.Constraint)));
        foreach (var metric in metrics ?? MetricNames(rows))
            frame.Columns.Add(new DoubleDataFrameColumn(metric, rows.Select(r => (double?)r.Metrics.GetValueOrDefault(metric, double.NaN))));
        return frame;
    }
}
