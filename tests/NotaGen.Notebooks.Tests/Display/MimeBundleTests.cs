using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using NotaGen.Notebooks.Display;
using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using NotaGen.Visualization.Charts;
using NotaGen.Visualization.Tables;
using Plotly.NET;
using Plotly.NET.CSharp;
using Xunit;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Notebooks.Tests.Display;

public sealed class MimeBundleTests
{
    public sealed record Score(string Model, double Accuracy);

    /// <summary>Shows whether charts formatted at the same moment would get their static image.</summary>
    public sealed record ImageProbe(int Step)
    {
        static ImageProbe()
        {
            Formatter.Register<ImageProbe>((p, w) => w.Write($"{p.Step} {(ChartImages.DeferredNow ? "without" : "with")} static images"), "text/html");
            Formatter.SetPreferredMimeTypesFor(typeof(ImageProbe), "text/html");
        }
    }

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

    private static GenericChart SmallChart() => CSharpChart.Line<int, double, string>(x: new[] { 1, 2, 3 }, y: new[] { 2.5, 2.0, 1.75 }, Name: "loss");

    [Fact]
    public void A_chart_is_plotly_figure_json_with_a_small_html_fallback_that_loads_nothing()
    {
        JsonObject bundle;
        using (ChartImages.Deferred())
            bundle = MimeBundle.For(SmallChart());
        // The figure as an object (not a string), as JupyterLab's and VS Code's Plotly renderers take it.
        var figure = Assert.IsType<JsonObject>(bundle[ChartMime.PlotlyJson]);
        var trace = Assert.IsType<JsonObject>(Assert.Single(figure["data"]!.AsArray()));
        Assert.Equal("loss", (string?)trace["name"]);
        Assert.Equal([2.5, 2.0, 1.75], trace["y"]!.AsArray().Select(v => (double)v!));
        Assert.IsType<JsonObject>(figure["layout"]);
        var html = (string?)bundle["text/html"];
        Assert.Contains(ChartMime.HtmlClass, html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
        Assert.True(html!.Length < 2_000, $"{html.Length} characters of fallback");
        Assert.False(bundle.ContainsKey(ChartMime.Png));
        Assert.Equal(ChartMime.PlotlyJson, bundle.First().Key);
    }

    [SkippableFact]
    public void With_chromium_a_chart_also_carries_a_png_and_no_html_copy_of_it()
    {
        ExternalTool.Require("chromium", "chromium");
        var bundle = MimeBundle.For(SmallChart());
        var png = Convert.FromBase64String((string)bundle[ChartMime.Png]!);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(ChartMime.ImageWidth, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        // nbconvert's HTML and every front end show the PNG itself; an HTML copy would double the chart's size.
        Assert.False(bundle.ContainsKey("text/html"));
        Assert.Equal([ChartMime.PlotlyJson, ChartMime.Png, "text/plain"], bundle.Select(kv => kv.Key));
        // Figure and PNG together stay far below the 3.6 MB of plotly.js the chart used to carry.
        Assert.InRange(bundle.ToJsonString().Length, 1_000, 150_000);
    }

    [Fact]
    public void A_chosen_mime_type_shows_the_value_as_that_type_only()
    {
        var svg = MimeBundle.For("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml");
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", (string?)svg["image/svg+xml"]);
        Assert.Equal(["image/svg+xml", "text/plain"], svg.Select(p => p.Key));
        var json = MimeBundle.For("{\"a\": [1, 2]}", "application/json");
        Assert.Equal(2, (int)json["application/json"]!["a"]![1]!);
        var png = MimeBundle.For(new byte[] { 1, 2, 3 }, "image/png");
        Assert.Equal("AQID", (string?)png["image/png"]);
    }

    [Fact]
    public void Html_content_is_html()
    {
        var bundle = MimeBundle.For(new HtmlContent("<b>bold</b>"));
        Assert.Equal("<b>bold</b>", (string?)bundle["text/html"]);
        Assert.Equal("<b>bold</b>", (string?)bundle["text/plain"]);
    }

    [Fact]
    public void Live_updates_leave_the_static_image_out_until_the_cell_ends()
    {
        var output = new RecordingOutput();
        var context = new CellContext(output, CancellationToken.None, input: null);
        var handle = context.Display("starting");
        handle.Update(new ImageProbe(1));
        handle.Update(new ImageProbe(2));
        Assert.Equal(2, output.Items.Count(i => i.Kind == "update_display_data"));
        context.Close();
        // One more update at the end: the last value again, in full.
        var updates = output.Items.Where(i => i.Kind == "update_display_data").ToList();
        Assert.Equal(3, updates.Count);
        Assert.Equal(["1 without static images", "2 without static images", "2 with static images"],
            updates.Select(u => (string?)u.Content["data"]!["text/html"]));
        Assert.All(updates, u => Assert.Equal(handle.DisplayId, (string?)u.Content["display_id"]));
    }
}
