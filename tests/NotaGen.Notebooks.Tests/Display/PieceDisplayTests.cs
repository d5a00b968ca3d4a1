using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NotaGen.Notebooks.Display;
using NotaGen.Testing;
using NotaGen.Visualization.Scores;
using Xunit;

namespace NotaGen.Notebooks.Tests.Display;

public sealed class PieceDisplayTests
{
    private const string Abc = "X:1\nT:Scale & <Test>\nM:4/4\nL:1/8\nK:C\nCDEF GABc|c2 B2 A2 G2|\n";

    [SkippableFact]
    public void Score_is_engraved_as_an_svg_image_when_abcm2ps_is_installed()
    {
        ExternalTool.Require("abcm2ps", "abcm2ps");
        var html = new PieceDisplay(Abc, "Scale").ToHtml();
        // An img, not inline svg: sanitizers of untrusted notebooks drop svg elements and keep images.
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("not engraved", html);
        var image = Regex.Match(html, "<img alt=\"score\" src=\"data:image/svg\\+xml;base64,([^\"]+)\"");
        Assert.True(image.Success);
        // Well-formed SVG that draws something.
        var root = XElement.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(image.Groups[1].Value)));
        Assert.Equal("svg", root.Name.LocalName);
        Assert.True(root.Descendants().Count() > 10);
    }

    [SkippableFact]
    public void The_bundle_offers_the_score_alone_as_svg()
    {
        ExternalTool.Require("abcm2ps", "abcm2ps");
        var bundle = MimeBundle.For(new PieceDisplay(Abc, "Scale"));
        var root = XElement.Parse((string)bundle["image/svg+xml"]!);
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == "Scale & <Test>");
    }

    [Fact]
    public void Several_pages_stack_into_one_svg_one_below_the_other()
    {
        const string page = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"816.00px\" height=\"100.50px\"><rect width=\"1\" height=\"1\"/></svg>";
        var stacked = XElement.Parse(ScoreEngraver.Stack([page, page, page])!);
        Assert.Equal("301.5px", (string?)stacked.Attribute("height"));
        Assert.Equal("816px", (string?)stacked.Attribute("width"));
        Assert.Equal(["0", "100.5", "201"], stacked.Elements().Select(e => (string?)e.Attribute("y")));
        Assert.Null(ScoreEngraver.Stack([]));
        Assert.Equal(page, ScoreEngraver.Stack([page]));
    }

    [Fact]
    public void Missing_abcm2ps_is_said_plainly()
    {
        var engraving = ScoreEngraver.Engrave(Abc, program: null);
        Assert.Empty(engraving.SvgPages);
        Assert.Contains("abcm2ps is not installed", engraving.Problem);
    }

    [Fact]
    public void Abc_text_is_folded_escaped_and_downloadable()
    {
        var html = new PieceDisplay(Abc, "Scale").ToHtml();
        Assert.Contains("<details><summary>ABC</summary><pre>", html);
        Assert.Contains("T:Scale &amp; &lt;Test&gt;", html);
        var link = Regex.Match(html, "download=\"Scale.abc\" href=\"data:text/vnd.abc;base64,([^\"]+)\"");
        Assert.True(link.Success);
        Assert.Equal(Abc, Encoding.UTF8.GetString(Convert.FromBase64String(link.Groups[1].Value)));
    }

    [Fact]
    public void Given_audio_and_midi_are_embedded_and_linked()
    {
        byte[] wav = [82, 73, 70, 70, 1, 2, 3];
        byte[] midi = [77, 84, 104, 100, 9];
        var html = new PieceDisplay(Abc, "Scale", Wav: wav, Midi: midi, MusicXml: Encoding.UTF8.GetBytes("<score-partwise/>")).ToHtml();
        Assert.Contains($"<audio controls src=\"data:audio/wav;base64,{Convert.ToBase64String(wav)}\">", html);
        Assert.Contains($"download=\"Scale.mid\" href=\"data:audio/midi;base64,{Convert.ToBase64String(midi)}\"", html);
        Assert.Contains("download=\"Scale.musicxml\"", html);
    }

    [Fact]
    public void Without_audio_the_piece_says_so()
    {
        var html = new PieceDisplay(Abc).ToHtml();
        Assert.Contains("No audio", html);
        Assert.DoesNotContain("<audio", html);
    }

    [Fact]
    public void The_formatter_registry_shows_a_piece_as_html_and_its_abc_as_text()
    {
        var bundle = MimeBundle.For(new PieceDisplay(Abc, "Scale"));
        Assert.Contains("notagen-piece", (string?)bundle["text/html"]);
        Assert.Equal(Abc, (string?)bundle["text/plain"]);
    }

    [SkippableFact]
    public void The_score_also_arrives_as_a_png_of_its_svg_when_rsvg_convert_is_installed()
    {
        ExternalTool.Require("abcm2ps", "abcm2ps");
        ExternalTool.Require("rsvg-convert", "librsvg2-bin");
        var piece = new PieceDisplay(Abc, "Scale");
        var bundle = MimeBundle.For(piece);
        Assert.Equal(["text/html", "image/svg+xml", "image/png", "text/plain"], bundle.Select(kv => kv.Key));
        var png = Convert.FromBase64String((string)bundle["image/png"]!);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // The PNG has the SVG's size in pixels (abcm2ps writes width and height in px).
        var svgSize = Regex.Match(piece.ScoreSvg()!, "width=\"([0-9.]+)px\" height=\"([0-9.]+)px\"");
        Assert.True(svgSize.Success, "abcm2ps's SVG has no width/height in px");
        Assert.Equal((int)Math.Ceiling(double.Parse(svgSize.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal((int)Math.Ceiling(double.Parse(svgSize.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.True(png.Length > 1_000, $"{png.Length} bytes");
    }

    [Fact]
    public void Without_rsvg_convert_the_score_png_says_which_package_is_missing()
    {
        var raster = ScoreRasterizer.Rasterize("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10px\" height=\"10px\"/>", program: null);
        Assert.Null(raster.Png);
        Assert.Contains("librsvg2-bin", raster.Problem);
    }

    [SkippableFact]
    public void A_broken_svg_gives_no_png_and_rsvg_converts_reason()
    {
        var program = ExternalTool.Require("rsvg-convert", "librsvg2-bin");
        var raster = ScoreRasterizer.Rasterize("<svg xmlns=\"http://www.w3.org/2000/svg\"><g>", program);
        Assert.Null(raster.Png);
        Assert.Contains("rsvg-convert failed", raster.Problem);
    }
}
