using System.Xml.Linq;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// <see cref="MusicXmlToAbc.ConvertFile"/> loads only the attributes the conversion reads
/// (<see cref="MusicXmlToAbc.AttributesRead"/>): the ABC must be exactly what the whole tree gives. A conversion that
/// starts reading an attribute without naming it there fails the corpus comparison.
/// </summary>
public class ConverterAttributeFilterTests(ITestOutputHelper output)
{
    [Fact]
    public void The_filtered_tree_drops_layout_attributes_and_keeps_those_the_conversion_reads()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.musicxml");
        File.WriteAllText(path, """<score-partwise><part id="P1"><measure number="1" width="200"><direction placement="above"><sound dacapo="yes" default-x="3"/></direction></measure></part></score-partwise>""");
        var root = MusicXmlLoader.LoadTree(path, MusicXmlToAbc.AttributesRead, CancellationToken.None).Root!.Value;
        var measure = root.Find("part/measure")!.Value;
        Assert.Equal("P1", root.Find("part")!.Value.AttrOrNull("id"));
        Assert.Equal("1", measure.AttrOrNull("number"));
        Assert.Null(measure.AttrOrNull("width"));
        var sound = measure.Find("direction/sound")!.Value;
        Assert.Equal("yes", sound.AttrOrNull("dacapo"));
        Assert.Null(sound.AttrOrNull("default-x"));
        Assert.Equal("above", measure.Find("direction")!.Value.AttrOrNull("placement"));
    }

    [Fact]
    public void The_filtered_tree_leaves_out_the_elements_nobody_reads_but_still_checks_what_is_inside_them()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "s.musicxml");
        File.WriteAllText(path, """<score-partwise><part id="P1"><measure number="1"><note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><type>eighth</type><dot/><lyric number="1"><syllabic>single</syllabic><text>la</text></lyric><stem>up</stem></note></measure></part></score-partwise>""");
        var note = MusicXmlLoader.LoadTree(path, MusicXmlToAbc.AttributesRead, CancellationToken.None, MusicXmlToAbc.ElementsUnread).Root!.Value
            .Find("part/measure/note")!.Value;
        Assert.Equal(["pitch", "duration", "stem"], note.Elements().Select(e => e.LocalName));
        Assert.Equal("up", note.FindText("stem"));
        Assert.Equal(4, MusicXmlLoader.Load(path).Root!.Descendants("note").Elements().Count(e => e.Name.LocalName is "type" or "dot" or "lyric" or "stem"));

        // A root of that name is kept (what the file is gets reported), and nesting inside a left-out element counts.
        File.WriteAllText(path, "<lyric><text>la</text></lyric>");
        Assert.Equal("lyric", MusicXmlLoader.LoadTree(path, null, CancellationToken.None, MusicXmlToAbc.ElementsUnread).Root!.Value.LocalName);
        var deep = string.Concat(Enumerable.Repeat("<a>", MusicXmlLoader.MaxElementDepth + 5)) + string.Concat(Enumerable.Repeat("</a>", MusicXmlLoader.MaxElementDepth + 5));
        File.WriteAllText(path, $"<score-partwise><part><measure><note><lyric>{deep}</lyric></note></measure></part></score-partwise>");
        var error = Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.ConvertFile(path));
        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
        File.WriteAllText(path, "<score-partwise><part><measure><note><lyric><text>la</lyric></note></measure></part></score-partwise>");
        Assert.Contains("malformed XML", Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.ConvertFile(path)).Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Shared_scores_convert_to_the_same_abc_from_the_filtered_tree_as_from_the_whole_tree()
    {
        // Every 25th score of the corpus, so each source and exporter is represented (about a hundred files).
        var files = SharedData.Files("corpus/musicxml", "").Where(f => ScoreFile(f)).Where((_, i) => i % 25 == 0).ToList();
        Assert.True(files.Count >= 50, $"expected the shared corpus, found {files.Count} MusicXML files");
        var compared = 0;
        foreach (var file in files)
        {
            string? whole, filtered;
            try
            {
                whole = MusicXmlToAbc.Convert(MusicXmlLoader.Load(file), file).Abc;
            }
            catch (MusicFormatException)
            {
                whole = null;
            }
            try
            {
                filtered = MusicXmlToAbc.ConvertFile(file);
            }
            catch (MusicFormatException)
            {
                filtered = null;
            }
            Assert.True(whole == filtered, $"{file}: the ABC from the filtered tree differs from the whole tree's");
            compared += whole is null ? 0 : 1;
        }
        output.WriteLine($"{compared} of {files.Count} shared scores converted, identical both ways");
        Assert.True(compared >= files.Count * 9 / 10, $"only {compared} of {files.Count} converted");
    }

    private static bool ScoreFile(string path) =>
        path.EndsWith(".mxl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".musicxml", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
}
