using Microsoft.Data.Analysis;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// The evaluation tables as DataFrames for notebooks: one row per piece (path, prompt, every metric; NaN stays NaN),
/// and the summary (group, metric, n, mean, 95% interval).
/// </summary>
public static class MetricsFrames
{
    public static DataFrame Metrics(IReadOnlyList<EvaluatedSample> samples, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(columns);
        var frame = new DataFrame(
            new StringDataFrameColumn("path", samples.Select(s => s.Path)),
            new StringDataFrameColumn("prompt", samples.Select(s => s.Prompt)));
        foreach (var column in columns)
            frame.Columns.Add(new DoubleDataFrameColumn(column, samples.Select(s => (double?)s.Metrics.GetValueOrDefault(column, double.NaN))));
        return frame;
    }

    public static DataFrame Summary(IReadOnlyList<SummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DataFrame(
            new StringDataFrameColumn("group", rows.Select(r => r.Group)),
            new StringDataFrameColumn("metric", rows.Select(r => r.Metric)),
            new Int32DataFrameColumn("n", rows.Select(r => (int?)r.Count)),
            new DoubleDataFrameColumn("mean", rows.Select(r => (double?)r.Mean)),
            new DoubleDataFrameColumn("ci95_low", rows.Select(r => (double?)r.Low)),
            new DoubleDataFrameColumn("ci95_high", rows.Select(r => (double?)r.High)));
    }
}
