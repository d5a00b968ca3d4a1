using System.Globalization;
using System.Text;
using NotaGen.Corpus.Output;

namespace NotaGen.Corpus.Statistics;

/// <summary>One row of the statistics: pieces and bars for a value of one axis (period, instrumentation, composer, split).</summary>
public sealed record StatisticsRow(string Axis, string Value, int Pieces, long Bars);

/// <summary>Counts of a built corpus by axis, and the CSV form <c>corpus stats</c> writes.</summary>
public static class CorpusStatistics
{
    public static IReadOnlyList<StatisticsRow> Compute(IEnumerable<CorpusPiece> pieces)
    {
        var list = pieces.ToList();
        var rows = new List<StatisticsRow>();
        void Axis(string axis, Func<CorpusPiece, string?> value) =>
            rows.AddRange(list.GroupBy(p => value(p) ?? "(none)")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StatisticsRow(axis, g.Key, g.Count(), g.Sum(p => (long)p.Bars))));
        Axis("all", _ => "all");
        Axis("split", p => p.Split);
        Axis("source", p => p.Source);
        Axis("period", p => p.Labels?.Period);
        Axis("instrumentation", p => p.Labels?.Instrumentation);
        Axis("composer", p => p.Labels?.Composer);
        return rows;
    }

    /// <summary>NotaGen prompts (period, composer, instrumentation) that at least one piece carries.</summary>
    public static (int Covered, int Total) PromptCoverage(IEnumerable<CorpusPiece> pieces, IEnumerable<(string, string, string)> prompts)
    {
        var present = pieces.Where(p => p.Labels is { CanPrompt: true })
            .Select(p => (p.Labels!.Period!, p.Labels.Composer!, p.Labels.Instrumentation!)).ToHashSet();
        var all = prompts.ToList();
        return (all.Count(present.Contains), all.Count);
    }

    public static string ToCsv(IEnumerable<StatisticsRow> rows)
    {
        var text = new StringBuilder("axis,value,pieces,bars\n");
        foreach (var row in rows)
            text.Append(CultureInfo.InvariantCulture, $"{row.Axis},{Quote(row.Value)},{row.Pieces},{row.Bars}\n");
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
