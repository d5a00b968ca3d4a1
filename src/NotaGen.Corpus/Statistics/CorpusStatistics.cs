using System.Globalization;
using System.Text;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Statistics;

/// <summary>One row of the statistics: totals for a value of one axis (period, instrumentation, composer, key, ...).</summary>
public sealed record StatisticsRow(string Axis, string Value, int Pieces, long Bars, long Patches, long Characters);

/// <summary>Counts of a built corpus by axis, and the CSV form <c>corpus stats</c> writes.</summary>
public static class CorpusStatistics
{
    /// <summary>The axes, in the order rows are given: "all" first, then each label and shape of a piece.</summary>
    public static readonly IReadOnlyList<(string Axis, Func<CorpusPiece, string?> Value)> Axes =
    [
        ("all", _ => "all"),
        ("split", p => p.Split),
        ("source", p => p.Source),
        ("period", p => p.Labels?.Period),
        ("instrumentation", p => p.Labels?.Instrumentation),
        ("composer", p => p.Labels?.Composer),
        ("key", p => p.Key),
        ("meter", p => p.Meter),
    ];

    public static IReadOnlyList<StatisticsRow> Compute(IEnumerable<CorpusPiece> pieces)
    {
        var list = pieces.ToList();
        var rows = new List<StatisticsRow>();
        foreach (var (axis, value) in Axes)
            rows.AddRange(list.GroupBy(p => value(p) ?? "(none)")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StatisticsRow(axis, g.Key, g.Count(), g.Sum(p => (long)p.Bars), g.Sum(p => (long)p.Patches), g.Sum(p => (long)p.Abc.Length))));
        return rows;
    }

    /// <summary>Each NotaGen prompt (period, composer, instrumentation) with the number of pieces that carry it, in the list's order.</summary>
    public static IReadOnlyList<PromptCount> PromptCounts(IEnumerable<CorpusPiece> pieces, IEnumerable<StylePrompt> prompts)
    {
        var present = pieces.Where(p => p.Labels is { CanPrompt: true })
            .GroupBy(p => p.Labels!)
            .ToDictionary(g => g.Key, g => g.Count());
        return prompts.Select(p => new PromptCount(p, present.GetValueOrDefault(p))).ToList();
    }

    /// <summary>NotaGen prompts (period, composer, instrumentation) that at least one piece carries.</summary>
    public static (int Covered, int Total) PromptCoverage(IEnumerable<CorpusPiece> pieces, IEnumerable<StylePrompt> prompts)
    {
        var counts = PromptCounts(pieces, prompts);
        return (counts.Count(c => c.Pieces > 0), counts.Count);
    }

    /// <summary>NotaGen's prompt list: a TSV with a header row and the columns period, composer, instrumentation.</summary>
    public static IReadOnlyList<StylePrompt> ReadPrompts(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split('\t')).Where(cells => cells.Length >= 3)
            .Select(cells => new StylePrompt(cells[0], cells[1], cells[2])).ToList();

    public static string ToCsv(IEnumerable<StatisticsRow> rows)
    {
        var text = new StringBuilder("axis,value,pieces,bars,patches,characters\n");
        foreach (var row in rows)
            text.Append(CultureInfo.InvariantCulture, $"{row.Axis},{Quote(row.Value)},{row.Pieces},{row.Bars},{row.Patches},{row.Characters}\n");
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

/// <summary>A NotaGen prompt and how many pieces of the corpus carry it.</summary>
public sealed record PromptCount(StylePrompt Prompt, int Pieces);
