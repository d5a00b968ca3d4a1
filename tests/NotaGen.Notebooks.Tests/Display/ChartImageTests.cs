using System.Buffers.Binary;
using System.Xml.Linq;
using NotaGen.Testing;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using Xunit;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Notebooks.Tests.Display;

/// <summary>Static chart export through headless Chromium (Debian chromium).</summary>
public sealed class ChartImageTests
{
    private static GenericChart LabelledChart() =>
        // Two traces, so that plotly.js draws a legend with their names.
        CSharpChart.Combine(
            [
                CSharpChart.Line<int, double, string>(x: [1, 2, 3, 4], y: [2.5, 2.0, 1.75, 1.6], Name: "validation loss"),
                CSharpChart.Line<int, double, string>(x: [1, 2, 3, 4], y: [2.4, 1.9, 1.6, 1.4], Name: "training loss"),
            ])
            .WithXAxisStyle<int, int, string>(TitleText: "training step")
            .WithYAxisStyle<double, double, string>(TitleText: "cross-entropy");

    [SkippableFact]
    public void Png_has_the_signature_and_the_requested_pixel_size()
    {
        ExternalTool.Require("chromium", "chromium");
        using var dir = new TempDirectory();
        var path = dir.File("chart.png");

        LabelledChart().SavePng(path, width: 400, height: 300, scale: 2);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // IHDR follows the signature: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        // A drawn chart compresses to kilobytes, a blank page to a few hundred bytes.
        Assert.InRange(bytes.Length, 5_000, 2_000_000);
    }

    [SkippableFact]
    public void Svg_is_xml_with_an_svg_root_carrying_the_axis_titles_and_trace_name()
    {
        ExternalTool.Require("chromium", "chromium");
        using var dir = new TempDirectory();
        var path = dir.File("chart.svg");

        LabelledChart().SaveSvg(path, width: 500, height: 320);

        var svg = XDocument.Load(path);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal("500", (string?)svg.Root.Attribute("width"));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("training step", texts);
        Assert.Contains("cross-entropy", texts);
        Assert.Contains("validation loss", texts);
        Assert.Contains("training loss", texts);
        // The trace itself: a path through the four points.
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "path" && ((string?)e.Attribute("class") ?? "").Contains("js-line"));
    }

    [SkippableFact]
    public void A_missing_chromium_is_named_with_its_debian_package()
    {
        Skip.If(Environment.GetEnvironmentVariable(ChartImage.ChromiumVariable) is { Length: > 0 }, $"{ChartImage.ChromiumVariable} is set, so PATH is not searched");
        var error = Assert.Throws<FileNotFoundException>(() => ChartImage.FindChromium("/nonexistent-notagen-path"));
        Assert.Contains("Debian package 'chromium'", error.Message);
    }
}
