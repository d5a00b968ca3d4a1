using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Statistics;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class StatisticsTests
{
    private static CorpusPiece Piece(string id, string? period, string? composer, string? instrumentation, int bars, int patches, string key) => new()
    {
        Id = id,
        Source = "s",
        Labels = period is null ? null : new StylePrompt(period, composer, instrumentation),
        Split = "train",
        Bars = bars,
        Patches = patches,
        Key = key,
        Meter = "4/4",
        Abc = new string('a', bars * 10),
    };

    private static readonly CorpusPiece[] Pieces =
    [
        Piece("a", "Baroque", "Bach, Johann Sebastian", "Keyboard", 10, 30, "C"),
        Piece("b", "Baroque", "Bach, Johann Sebastian", "Keyboard", 20, 50, "G"),
        Piece("c", "Romantic", "Schubert, Franz", "Art Song", 30, 70, "C"),
        Piece("d", null, null, null, 8, 20, "D"),
    ];

    [Fact]
    public void Totals_by_axis_add_up_pieces_bars_patches_and_characters()
    {
        var frame = CorpusFrames.ByAxis(Pieces);
        var rows = Enumerable.Range(0, (int)frame.Rows.Count).Select(i => (
            Axis: (string)frame.Columns["axis"][i], Value: (string)frame.Columns["value"][i],
            Pieces: (int)frame.Columns["pieces"][i], Bars: (long)frame.Columns["bars"][i],
            Patches: (long)frame.Columns["patches"][i], Characters: (long)frame.Columns["characters"][i])).ToList();
        Assert.Contains(("all", "all", 4, 68L, 170L, 680L), rows);
        Assert.Contains(("period", "Baroque", 2, 30L, 80L, 300L), rows);
        Assert.Contains(("period", "(none)", 1, 8L, 20L, 80L), rows);
        Assert.Contains(("key", "C", 2, 40L, 100L, 400L), rows);
        // Every axis partitions the corpus: its pieces add up to the total.
        Assert.All(rows.GroupBy(r => r.Axis), axis => Assert.Equal(4, axis.Sum(r => r.Pieces)));
    }

    [Fact]
    public void Prompt_coverage_counts_pieces_per_prompt()
    {
        var prompts = new[] { new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"), new StylePrompt("Romantic", "Schubert, Franz", "Art Song"), new StylePrompt("Classical", "Mozart, Wolfgang Amadeus", "Chamber") };
        var frame = CorpusFrames.PromptCoverage(Pieces, prompts);
        Assert.Equal([2, 1, 0], Enumerable.Range(0, 3).Select(i => (int)frame.Columns["pieces"][i]));
        Assert.Equal((2, 3), CorpusStatistics.PromptCoverage(Pieces, prompts));
    }

    [Fact]
    public void Per_piece_frame_has_one_row_per_piece()
    {
        var frame = CorpusFrames.Pieces(Pieces);
        Assert.Equal(4, frame.Rows.Count);
        Assert.Equal([30, 50, 70, 20], Enumerable.Range(0, 4).Select(i => (int)frame.Columns["patches"][i]));
    }

    [Fact]
    public void Distribution_charts_draw_the_frame_values()
    {
        var byPeriod = GenericChart.toChartHTML(DistributionCharts.ByAxis(CorpusFrames.ByAxis(Pieces), "period", "patches"));
        Assert.Contains("Baroque", byPeriod);
        Assert.Contains("Romantic", byPeriod);
        Assert.Contains("80", byPeriod);
        var all = DistributionCharts.AllAxes(CorpusFrames.ByAxis(Pieces));
        Assert.Equal(CorpusStatistics.Axes.Count - 1, all.Count);
        var histogram = GenericChart.toChartHTML(DistributionCharts.Histogram(CorpusFrames.Pieces(Pieces), "bars"));
        Assert.Contains("histogram", histogram);
    }

    [Fact]
    public void Csv_has_a_header_and_one_line_per_row()
    {
        var rows = CorpusStatistics.Compute(Pieces);
        var lines = CorpusStatistics.ToCsv(rows).TrimEnd('\n').Split('\n');
        Assert.Equal("axis,value,pieces,bars,patches,characters", lines[0]);
        Assert.Equal(rows.Count + 1, lines.Length);
        Assert.Contains("composer,\"Bach, Johann Sebastian\",2,30,80,300", lines);
    }
}
