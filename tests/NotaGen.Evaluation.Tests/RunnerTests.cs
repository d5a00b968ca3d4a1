using NotaGen.Evaluation.Runner;
using NotaGen.Evaluation.Statistics;
using NotaGen.Generation.Sampling;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class RunnerTests
{
    [Fact]
    public void The_grid_is_every_combination_and_missing_axes_take_notagens_defaults()
    {
        var cells = AblationGrid.Parse("top_k=5,9;temperature=0.8,1.2,2.2;order=notagen,temperature-first");
        Assert.Equal(2 * 3 * 2, cells.Count);
        Assert.All(cells, c => Assert.Equal(0.9, c.Sampling.TopP));
        Assert.Equal(12, cells.Select(c => c.Key).Distinct().Count());
        Assert.Contains(cells, c => c.Key == "k5-p0.9-t2.2-temperature-first" && c.Sampling.Order == SamplingOrder.TemperatureFirst);
        Assert.Throws<ArgumentException>(() => AblationGrid.Parse("top_q=1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AblationGrid.Parse("top_p=1.5"));
    }

    [Fact]
    public void A_pieces_seed_depends_on_its_cell_prompt_and_index_only()
    {
        var seed = AblationRunner.SeedFor(3, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0);
        Assert.Equal(seed, AblationRunner.SeedFor(3, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0));
        Assert.NotEqual(seed, AblationRunner.SeedFor(3, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 1));
        Assert.NotEqual(seed, AblationRunner.SeedFor(3, "k5-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0));
        Assert.NotEqual(seed, AblationRunner.SeedFor(4, "k9-p0.9-t1.2-notagen", "Baroque/Bach/Keyboard", 0));
    }

    [Fact]
    public void Bootstrap_interval_brackets_the_mean_is_seeded_and_ignores_nan()
    {
        double[] values = [0, 1, 1, 0, 1, double.NaN];
        var a = Bootstrap.Mean(values, seed: 1);
        Assert.Equal(5, a.Count);
        Assert.Equal(0.6, a.Mean, 12);
        Assert.True(a.Low <= 0.6 && 0.6 <= a.High && a.Low < a.High);
        Assert.Equal(a, Bootstrap.Mean(values, seed: 1));
        var constant = Bootstrap.Mean([2, 2, 2], seed: 5);
        Assert.Equal((2.0, 2.0), (constant.Low, constant.High));
        Assert.True(double.IsNaN(Bootstrap.Mean([double.NaN], seed: 0).Mean));
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        Assert.Equal(2.5, Bootstrap.Quantile([1, 2, 3, 4], 0.5));
        Assert.Equal(1.0, Bootstrap.Quantile([1, 2, 3, 4], 0));
        Assert.Equal(1.15, Bootstrap.Quantile([1, 2, 3, 4], 0.05), 12);
    }

    [Fact]
    public void Csv_rows_with_quoted_commas_split_back_into_their_cells()
    {
        var line = "x.abc," + MetricsTables.Cell("Baroque/Bach, Johann Sebastian/Keyboard") + ",1,";
        Assert.Equal(["x.abc", "Baroque/Bach, Johann Sebastian/Keyboard", "1", ""], AblationRunner.CsvRow(line));
    }

    [Fact]
    public void The_metrics_frame_has_a_row_per_piece_and_a_column_per_metric()
    {
        var samples = new[]
        {
            new EvaluatedSample("a.abc", "P/C/I", new Dictionary<string, double> { ["parses"] = 1, ["bars"] = 8 }),
            new EvaluatedSample("b.abc", "P/C/I", new Dictionary<string, double> { ["parses"] = 0 }),
        };
        var frame = MetricsFrames.Metrics(samples, ["parses", "bars"]);
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal(["path", "prompt", "parses", "bars"], frame.Columns.Select(c => c.Name));
        Assert.Equal(8.0, frame["bars"][0]);
        Assert.True(double.IsNaN((double)frame["bars"][1]!));
        var summary = MetricsFrames.Summary(MetricsTables.Summarise(samples, ["parses"], seed: 0, resamples: 10));
        Assert.Equal(2, summary.Rows.Count); // "all" and the one prompt
        Assert.Equal(0.5, summary["mean"][0]);
    }
}
