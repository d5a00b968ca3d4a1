using System.Text;
using System.Xml;
using System.Xml.Linq;
using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// The one-pass readers drop indentation between elements but keep every text the converter reads, and the two trees
/// they build (the XDocument callers edit, the converter's flat <see cref="ElementTree"/>) hold the same text.
/// </summary>
public class XmlTreeReaderTests
{
    [Fact]
    public void Indentation_between_elements_is_left_out_and_an_elements_whole_whitespace_content_kept()
    {
        var root = MusicXmlLoader.Parse("<a>\n  <words> </words>\n  <b>x <c/> y</b>\n  <e></e>\n</a>", "t.xml").Root!;
        Assert.All(root.Nodes(), n => Assert.IsType<XElement>(n));
        Assert.Equal(" ", root.Element("words")!.Value);
        Assert.Equal(["x ", " y"], root.Element("b")!.Nodes().OfType<XText>().Select(t => t.Value));
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

    [Fact]
    public void A_tree_given_back_and_reused_on_the_thread_converts_the_next_score_as_a_fresh_one_would()
    {
        using var dir = new NotaGen.Testing.TempDirectory();
        var piano = Path.Combine(dir.Path, "piano.musicxml");
        var scale = Path.Combine(dir.Path, "scale.musicxml");
        File.WriteAllText(piano, MusicXmlFixtures.Piano);
        File.WriteAllText(scale, MusicXmlFixtures.Scale);
        var fresh = (Piano: MusicXmlToAbc.ConvertFile(piano), Scale: MusicXmlToAbc.ConvertFile(scale));
        // Each conversion after the first reads into the tree the one before gave back, with that score's records and text in it.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(fresh.Piano, MusicXmlToAbc.ConvertFile(piano));
            Assert.Equal(fresh.Scale, MusicXmlToAbc.ConvertFile(scale));
        }
        var tree = MusicXmlLoader.LoadTree(scale, null, CancellationToken.None);
        var reused = MusicXmlLoader.LoadTree(piano, null, CancellationToken.None);
        Assert.NotSame(tree, reused); // a tree not given back is never handed out again
    }

    [Fact]
    public void A_tree_grown_past_the_kept_size_is_not_kept_for_reuse()
    {
        var big = Flat("<r>" + string.Concat(Enumerable.Repeat("<a/>", 300_000)) + "</r>");
        Assert.Equal(300_001, big.ElementCount);
        var emptied = Enumerable.Range(0, 8).Select(_ => ElementTree.Rent()).ToList(); // room among the kept trees
        big.Return();
        var next = ElementTree.Rent();
        Assert.NotSame(big, next);
        next.Return();
        emptied.ForEach(t => t.Return());
    }

    [Fact]
    public void The_flat_tree_answers_paths_names_attributes_and_text_as_the_document_says()
    {
        var tree = Flat("""<score-partwise><part id="P1"><measure number="1"><note><pitch><step>C</step></pitch><tie type="start"/><tie type="stop"/></note><note><rest/></note></measure></part></score-partwise>""");
        var root = tree.Root!.Value;
        Assert.Equal("score-partwise", root.LocalName);
        var measure = root.Find("part/measure")!.Value;
        Assert.Equal("1", measure.Attr("number"));
        Assert.Equal("fallback", measure.Attr("width", "fallback"));
        Assert.Null(measure.AttrOrNull("width"));
        Assert.Equal("C", root.FindText("part/measure/note/pitch/step"));
        Assert.Null(root.FindText("part/measure/note/pitch/octave"));
        Assert.Equal(["start", "stop"], root.FindAll("part/measure/note/tie").Select(t => t.Attr("type")));
        Assert.Equal(2, measure.Elements("note").Count());
        Assert.Equal(["pitch", "tie", "tie"], measure.Find("note")!.Value.Elements().Select(e => e.LocalName));
        Assert.Equal(measure, measure.Find("note")!.Value.Parent);
        Assert.Equal("", measure.Find("note/rest")!.Value.Text);
        Assert.False(measure.Find("note/rest")!.Value.HasElements);
    }

    [Fact]
    public void In_a_score_without_a_namespace_an_element_in_one_matches_no_name_and_in_a_namespaced_score_all_do()
    {
        var plain = Flat("""<score-partwise><part xmlns:x="urn:x"><x:measure/><measure/></part></score-partwise>""").Root!.Value;
        Assert.Single(plain.Find("part")!.Value.Elements("measure"));
        Assert.Equal(["measure", "measure"], plain.Find("part")!.Value.Elements().Select(e => e.LocalName));
        var namespaced = Flat("""<score-partwise xmlns="urn:s"><part xmlns:x="urn:x"><x:measure/><measure/></part></score-partwise>""").Root!.Value;
        Assert.Equal(2, namespaced.Find("part")!.Value.Elements("measure").Count());
    }

    /// <summary>
    /// Random mixed content (text short and long, whitespace, CDATA, comments, attributes, elements left out): every
    /// element of the flat tree has the attribute and the text the XDocument gives (ElementTree's <c>.text</c>: all of a leaf's text, else its first node's), read from
    /// the file or replayed from the XDocument as <see cref="MusicXmlToAbc.Convert(XDocument, string, AbcConversionOptions?, CancellationToken)"/> does.
    /// </summary>
    [Fact]
    public void Random_mixed_content_gives_every_element_the_same_text_in_the_flat_tree_as_in_the_document()
    {
        var random = new Random(19);
        var skipped = new HashSet<string> { "type" };
        for (var round = 0; round < 2000; round++)
        {
            var xml = new StringBuilder();
            Element(random, xml, depth: 0);
            var text = xml.ToString();
            foreach (var left in (IReadOnlySet<string>?[])[null, skipped])
            {
                var document = XDocumentBuilder.Build(Reader(text), 64, "r.xml", CancellationToken.None, skipped: left);
                var expected = document.Root!.DescendantsAndSelf().Select(e => (e.Name.LocalName, ElementText(e), (string?)e.Attribute("n"))).ToList();
                using var replay = document.CreateReader();
                foreach (var tree in (ElementTree[])[ElementTreeBuilder.Build(Reader(text), 64, "r.xml", CancellationToken.None, skipped: left),
                             ElementTreeBuilder.Build(replay, 64, "r.xml", CancellationToken.None)])
                {
                    var actual = Enumerable.Range(0, tree.ElementCount).Select(i => new TreeElement(tree, i)).Select(e => (e.LocalName, e.Text, e.AttrOrNull("n"))).ToList();
                    Assert.True(expected.SequenceEqual(actual), $"{text}\nexpected {string.Join(", ", expected)}\nactual   {string.Join(", ", actual)}");
                    Assert.InRange(tree.Names.Count, 1, 6); // each name once (root, a, b, type, words, n), from either reader
                }
            }
        }
    }

    /// <summary>What the converter read as an element's text when it read XDocuments.</summary>
    private static string ElementText(XElement e) => !e.HasElements ? e.Value : e.FirstNode is XText t ? t.Value : "";

    private static void Element(Random random, StringBuilder xml, int depth)
    {
        var name = depth == 0 ? "root" : new[] { "a", "b", "type", "words" }[random.Next(4)];
        xml.Append('<').Append(name);
        if (random.Next(3) == 0)
            xml.Append(" n=\"").Append(Words(random)).Append('"');
        if (random.Next(4) == 0)
        {
            xml.Append("/>");
            return;
        }
        xml.Append('>');
        for (var i = random.Next(6); i > 0; i--)
        {
            switch (random.Next(depth < 3 ? 6 : 5))
            {
                case 0: xml.Append(Words(random)); break;
                case 1: xml.Append(random.Next(2) == 0 ? " " : "\n  "); break;
                case 2: xml.Append(random.Next(3) == 0 ? "<![CDATA[]]>" : $"<![CDATA[ {Words(random)} ]]>"); break;
                case 3: xml.Append("<!-- note -->"); break;
                case 4: xml.Append("&amp;"); break;
                default: Element(random, xml, depth + 1); break;
            }
        }
        xml.Append("</").Append(name).Append('>');
    }

    /// <summary>Mostly a word or two, at times longer than the reader's first buffers.</summary>
    private static string Words(Random random) =>
        random.Next(8) == 0 ? string.Concat(Enumerable.Repeat("long text ", random.Next(20, 120))) : random.Next(2) == 0 ? "x" : "y z";

    private static ElementTree Flat(string xml) => ElementTreeBuilder.Build(Reader(xml), 64, "t.xml", CancellationToken.None);

    private static XmlReader Reader(string xml) =>
        XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreComments = true });
}
