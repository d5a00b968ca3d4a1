using System.Globalization;
using System.Text;
using NotaGen.Evaluation.SetComparison;
using NotaGen.Evaluation.Statistics;
using NotaGen.Music.IO;

namespace NotaGen.Evaluation.Runner;

/// <summary>One row of summary.csv: a metric's mean over a group (a prompt, or "all") with its 95% bootstrap interval.</summary>
public sealed record SummaryRow(string Group, string Metric, int Count, double Mean, double Low, double High);

/// <summary>
/// The CSV files of an evaluation: metrics.csv (one row per piece), summary.csv (per prompt and overall, mean and 95%
/// percentile-bootstrap interval, seeded) and set_comparison.csv (Yang &amp; Lerch against the reference). Numbers are
/// written with the invariant culture; NaN is written as an empty cell. Writes are atomic.
/// </summary>
public static class MetricsTables
{
    public const string All = "all";

    public static IReadOnlyList<SummaryRow> Summarise(IReadOnlyList<EvaluatedSample> samples, IReadOnlyList<string> columns, int seed, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(columns);
        var groups = new List<(string Name, List<EvaluatedSample> Rows)> { (All, samples.ToList()) };
        groups.AddRange(samples.GroupBy(s => s.Prompt).Where(g => g.Key.Length > 0).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.ToList())));
        var rows = new List<SummaryRow>();
        foreach (var (name, members) in groups)
        {
            foreach (var column in columns)
            {
                var interval = Bootstrap.Mean(members.Select(m => m.Metrics.GetValueOrDefault(column, double.NaN)), seed, resamples);
                rows.Add(new SummaryRow(name, column, interval.Count, interval.Mean, interval.Low, interval.High));
            }
        }
        return rows;
    }

    public static string MetricsCsv(IReadOnlyList<EvaluatedSample> samples, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(columns);
        var text = new StringBuilder();
        text.Append("path,prompt,").AppendJoin(',', columns).Append('\n');
        foreach (var sample in samples)
        {
            text.Append(Cell(sample.Path)).Append(',').Append(Cell(sample.Prompt));
            foreach (var column in columns) text.Append(',').Append(Number(sample.Metrics.GetValueOrDefault(column, double.NaN)));
            text.Append('\n');
        }
        return text.ToString();
    }

    public static string SummaryCsv(IReadOnlyList<SummaryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder("group,metric,n,mean,ci95_low,ci95_high\n");
        foreach (var row in rows)
            text.Append(Cell(row.Group)).Append(',').Append(row.Metric).Append(',').Append(row.Count.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Number(row.Mean)).Append(',').Append(Number(row.Low)).Append(',').Append(Number(row.High)).Append('\n');
        return text.ToString();
    }

    public static string SetComparisonCsv(IReadOnlyList<FeatureComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder("feature,mean,sd,intra_mean,inter_mean,overlap_area,kl_divergence\n");
        foreach (var r in rows)
            text.Append(r.Feature).Append(',').AppendJoin(',', new[] { r.MeanA, r.SdA, r.IntraMean, r.InterMean, r.OverlapArea, r.KlDivergence }.Select(Number)).Append('\n');
        return text.ToString();
    }

    public static void Write(string path, string csv) => AtomicFile.WriteAllText(path, csv);

    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IndexOfAny([',', '"', '\n']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
