using Microsoft.Data.Analysis;
using NotaGen.Notebooks.Display;
using NotaGen.Visualization.Tables;
using Plotly.NET.CSharp;
using Xunit;

namespace NotaGen.Notebooks.Tests.Display;

public sealed class MimeBundleTests
{
    public sealed record Score(string Model, double Accuracy);

    [Fact]
    public void A_number_is_plain_text_only()
    {
        var bundle = MimeBundle.For(42);
        Assert.Equal("42", (string?)bundle["text/plain"]);
        Assert.Single(bundle);
    }

    [Fact]
    public void A_list_of_records_is_an_html_table_with_a_column_per_property()
    {
        var bundle = MimeBundle.For(new List<Score> { new("tiny", 0.25), new("small", 0.75) });
        var html = (string?)bundle["text/html"];
        Assert.Contains("<table", html);
        Assert.Contains("Model", html);
        Assert.Contains("Accuracy", html);
        Assert.Contains("small", html);
        Assert.Contains("0.75", html);
        Assert.NotNull((string?)bundle["text/plain"]);
    }

    [Fact]
    public void A_record_reads_as_its_own_ToString_in_plain_text()
    {
        var bundle = MimeBundle.For(new Score("tiny", 0.5));
        Assert.Equal(new Score("tiny", 0.5).ToString(), (string?)bundle["text/plain"]);
    }

    [Fact]
    public void A_dataframe_is_a_table_of_its_first_rows_with_its_shape()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("piece", Enumerable.Range(0, 30).Select(i => $"tune {i}")),
            new PrimitiveDataFrameColumn<int>("bars", Enumerable.Range(0, 30).Select(i => i * 8)));
        var html = (string?)MimeBundle.For(frame)["text/html"];
        Assert.Contains("notagen-dataframe", html);
        Assert.Contains("30 rows × 2 columns", html);
        Assert.Contains($"first {DataFrameHtml.DefaultRows} rows shown", html);
        Assert.Contains("<td>tune 19</td>", html);
        Assert.DoesNotContain("<td>tune 20</td>", html);
        Assert.Contains("<td>152</td>", html);
    }

    [Fact]
    public void A_chart_is_interactive_html_with_plotly_js_inlined()
    {
        var chart = Chart.Line<int, double, string>(x: new[] { 1, 2, 3 }, y: new[] { 2.5, 2.0, 1.75 });
        var html = (string?)MimeBundle.For(chart)["text/html"];
        Assert.NotNull(html);
        Assert.Contains("Plotly.newPlot", html);
        // The library itself, not a reference to a CDN the machines cannot reach.
        Assert.DoesNotMatch("<script[^>]*\\ssrc=", html);
        Assert.Contains("plotly.js v", html);
        Assert.True(html!.Length > 1_000_000, $"plotly.js does not look inlined: {html.Length} characters");
    }
}
