using Microsoft.Data.Analysis;
using NotaGen.Corpus.Output;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Statistics;

/// <summary>
/// The statistics of a built corpus as <see cref="DataFrame"/>s for notebooks: totals by axis (long format: axis,
/// value, pieces, bars, patches, characters), one row per piece for distributions, and NotaGen's prompt coverage.
/// NotaGen.Visualization's <c>DistributionCharts</c> draws them.
/// </summary>
public static class CorpusFrames
{
    /// <summary>Totals by axis: the rows of <see cref="CorpusStatistics.Compute"/>.</summary>
    public static DataFrame ByAxis(IEnumerable<CorpusPiece> pieces)
    {
        var rows = CorpusStatistics.Compute(pieces);
        return new DataFrame(
            new StringDataFrameColumn("axis", rows.Select(r => r.Axis)),
            new StringDataFrameColumn("value", rows.Select(r => r.Value)),
            new Int32DataFrameColumn("pieces", rows.Select(r => r.Pieces)),
            new Int64DataFrameColumn("bars", rows.Select(r => r.Bars)),
            new Int64DataFrameColumn("patches", rows.Select(r => r.Patches)),
            new Int64DataFrameColumn("characters", rows.Select(r => r.Characters)));
    }

    /// <summary>One row per piece: id, split, labels, key, meter, bars, staves, patches, characters.</summary>
    public static DataFrame Pieces(IEnumerable<CorpusPiece> pieces)
    {
        var list = pieces.ToList();
        StringDataFrameColumn Text(string name, Func<CorpusPiece, string?> value) => new(name, list.Select(value));
        return new DataFrame(
            Text("id", p => p.Id),
            Text("split", p => p.Split),
            Text("source", p => p.Source),
            Text("period", p => p.Labels?.Period),
            Text("composer", p => p.Labels?.Composer),
            Text("instrumentation", p => p.Labels?.Instrumentation),
            Text("key", p => p.Key),
            Text("meter", p => p.Meter),
            new Int32DataFrameColumn("bars", list.Select(p => p.Bars)),
            new Int32DataFrameColumn("staves", list.Select(p => p.Staves)),
            new Int32DataFrameColumn("patches", list.Select(p => p.Patches)),
            new Int32DataFrameColumn("characters", list.Select(p => p.Abc.Length)));
    }

    /// <summary>Each of NotaGen's prompts with the pieces that carry it (0 where the corpus has none).</summary>
    public static DataFrame PromptCoverage(IEnumerable<CorpusPiece> pieces, IEnumerable<StylePrompt> prompts)
    {
        var counts = CorpusStatistics.PromptCounts(pieces, prompts);
        return new DataFrame(
            new StringDataFrameColumn("period", counts.Select(c => c.Prompt.Period)),
            new StringDataFrameColumn("composer", counts.Select(c => c.Prompt.Composer)),
            new StringDataFrameColumn("instrumentation", counts.Select(c => c.Prompt.Instrumentation)),
            new Int32DataFrameColumn("pieces", counts.Select(c => c.Pieces)));
    }
}
