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
        var root = MusicXmlLoader.Load(path, MusicXmlToAbc.AttributesRead, CancellationToken.None).Root!;
        var measure = root.Element("part")!.Element("measure")!;
        Assert.Equal("P1", (string?)root.Element("part")!.Attribute("id"));
        Assert.Equal("1", (string?)measure.Attribute("number"));
        Assert.Null(measure.Attribute("width"));
        var sound = measure.Element("direction")!.Element("sound")!;
        Assert.Equal("yes", (string?)sound.Attribute("dacapo"));
        Assert.Null(sound.Attribute("default-x"));
        Assert.Equal("above", (string?)measure.Element("direction")!.Attribute("placement"));
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
