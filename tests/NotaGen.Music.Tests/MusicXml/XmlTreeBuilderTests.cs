using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>The one-pass tree builder drops indentation between elements but keeps every text the converter reads.</summary>
public class XmlTreeBuilderTests
{
    [Fact]
    public void Indentation_between_elements_is_left_out_and_an_elements_whole_whitespace_content_kept()
    {
        var root = MusicXmlLoader.Parse("<a>\n  <words> </words>\n  <b>x <c/> y</b>\n  <e></e>\n</a>", "t.xml").Root!;
        Assert.All(root.Nodes(), n => Assert.IsType<System.Xml.Linq.XElement>(n));
        Assert.Equal(" ", root.Element("words")!.Value);
        Assert.Equal(["x ", " y"], root.Element("b")!.Nodes().OfType<System.Xml.Linq.XText>().Select(t => t.Value));
        Assert.Equal("", root.Element("e")!.Value);
    }

    [Fact]
    public void An_indented_score_converts_exactly_as_the_same_score_on_one_line()
    {
        var oneLine = MusicXmlFixtures.Piano;
        var indented = oneLine.Replace("><", ">\n    <", StringComparison.Ordinal);
        Assert.NotEqual(oneLine, indented);
        Assert.Equal(
            MusicXmlToAbc.Convert(MusicXmlLoader.Parse(oneLine, "p.musicxml"), "p.musicxml").Abc,
            MusicXmlToAbc.Convert(MusicXmlLoader.Parse(indented, "p.musicxml"), "p.musicxml").Abc);
    }
}
