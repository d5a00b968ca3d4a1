using NotaGen.Evaluation.Runner;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class AblationResultsTests
{
    // Two cells × two prompts, as the runner writes them (a quoted prompt holds a comma; an empty cell is NaN).
    private const string Results =
        "cell,order,top_k,top_p,temperature,prompt,samples,finished,parses,bar_alignment_error,style_score\n" +
        "k5-p0.9-t1.2-notagen,notagen,5,0.9,1.2,\"Romantic/Schubert, Franz/Art Song\",10,0.5,0.6,0.2,\n" +
        "k5-p0.9-t1.2-notagen,notagen,5,0.9,1.2,\"Classical/Haydn, Joseph/Chamber\",10,0.3,0.2,0.4,\n" +
        "k5-p0.9-t2.2-notagen,notagen,5,0.9,2.2,\"Romantic/Schubert, Franz/Art Song\",10,0,0.1,,\n" +
        "k5-p0.9-t2.2-notagen,notagen,5,0.9,2.2,\"Classical/Haydn, Joseph/Chamber\",10,0,0,,\n";

    private static IReadOnlyList<AblationResultRow> Rows(TempDirectory temp)
    {
        File.WriteAllText(temp.File("results.csv"), Results);
        return AblationResults.Read(temp.File("results.csv"));
    }

    [Fact]
    public void Results_csv_reads_back_with_quoted_prompts_and_empty_cells_as_NaN()
    {
        using var temp = new TempDirectory();
        var rows = Rows(temp);
        Assert.Equal(4, rows.Count);
        Assert.Equal("Romantic/Schubert, Franz/Art Song", rows[0].Prompt);
        Assert.Equal((5, 0.9, 2.2, 10), (rows[2].TopK, rows[2].TopP, rows[2].Temperature, rows[2].Samples));
        Assert.Equal(["finished", "parses", "bar_alignment_error", "style_score"], AblationResults.MetricNames(rows));
        Assert.True(double.IsNaN(rows[2].Metrics["bar_alignment_error"]));
        Assert.Equal(4, AblationResults.Frame(rows, ["parses"]).Rows.Count);
    }

    [Fact]
    public void A_cells_point_is_the_mean_of_its_prompts_means()
    {
        using var temp = new TempDirectory();
        var points = AblationResults.Points(Rows(temp), "parses");
        Assert.Equal(2, points.Count);
        Assert.Equal(0.4, points.Single(p => p.Temperature == 1.2).Value, 12);
        Assert.Equal(0.05, points.Single(p => p.Temperature == 2.2).Value, 12);
        Assert.Equal(0.6, AblationResults.Points(Rows(temp), "parses", "Romantic/Schubert, Franz/Art Song").Single(p => p.Temperature == 1.2).Value, 12);
        Assert.True(double.IsNaN(AblationResults.Points(Rows(temp), "bar_alignment_error").Single(p => p.Temperature == 2.2).Value));
        Assert.Throws<ArgumentException>(() => AblationResults.Points(Rows(temp), "no_such_metric"));
    }

    [Fact]
    public void A_malformed_row_names_the_file_and_line()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("results.csv"), Results.Replace(",10,0,0,,", ",ten,0,0,,", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => AblationResults.Read(temp.File("results.csv")));
        Assert.Contains("results.csv:5:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_are_written_for_metrics_that_have_values_with_their_data_as_csv()
    {
        using var temp = new TempDirectory();
        var files = AblationFigures.Write(Rows(temp), temp.File("figures"), staticImages: false);
        var names = files.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // style_score is empty everywhere: no figure. bar_alignment_error has one cell; parses two.
        Assert.Equal(
        [
            "bar_alignment_error-by-temperature.csv", "bar_alignment_error-by-temperature.html", "bar_alignment_error-heatmap-t1.2.csv", "bar_alignment_error-heatmap-t1.2.html",
            "parses-by-temperature.csv", "parses-by-temperature.html", "parses-heatmap-t1.2.csv", "parses-heatmap-t1.2.html",
        ], names);
        Assert.Equal("order,top_k,top_p,temperature,parses\nnotagen,5,0.9,1.2,0.4\nnotagen,5,0.9,2.2,0.05\n",
            File.ReadAllText(temp.File("figures/parses-by-temperature.csv")));
        Assert.Equal("order,top_k,top_p,temperature,bar_alignment_error\nnotagen,5,0.9,1.2,0.30000000000000004\nnotagen,5,0.9,2.2,\n",
            File.ReadAllText(temp.File("figures/bar_alignment_error-by-temperature.csv")));
    }
}
