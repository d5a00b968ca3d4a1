using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NotaGen.Notebooks.Display;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Display;

public sealed class PieceDisplayTests
{
    private const string Abc = "X:1\nT:Scale & <Test>\nM:4/4\nL:1/8\nK:C\nCDEF GABc|c2 B2 A2 G2|\n";

    [SkippableFact]
    public void Score_is_engraved_as_inline_svg_when_abcm2ps_is_installed()
    {
        ExternalTool.Require("abcm2ps", "abcm2ps");
        var html = new PieceDisplay(Abc, "Scale").ToHtml();
        var svg = Regex.Match(html, "<svg.*?</svg>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(svg);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("not engraved", html);
        // Well-formed SVG that draws something.
        var root = XElement.Parse(svg);
        Assert.Equal("svg", root.Name.LocalName);
        Assert.True(root.Descendants().Count() > 10);
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
}
