using System.IO.Compression;
using System.Text;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

public class BadMusicXmlTests
{
    private static MusicFormatException Fails(string xml) =>
        Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.Convert(MusicXmlLoader.Parse(xml, "bad.musicxml"), "bad.musicxml"));

    [Fact]
    public void Malformed_xml_names_file_line_and_column()
    {
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlLoader.Parse("<score-partwise><part-list>\n<oops></score-partwise>", "bad.musicxml"));
        Assert.StartsWith("bad.musicxml:", e.Message, StringComparison.Ordinal);
        Assert.Matches(@"^bad\.musicxml:\d+:\d+: malformed XML", e.Message);
    }

    /// <summary>100,000 nested elements (minutes of quadratic loading before the limit) are refused at the first one too deep.</summary>
    [Fact]
    public void Elements_nested_past_the_depth_limit_are_refused_with_line_and_column()
    {
        const int depth = 100_000;
        var xml = MusicXmlFixtures.Score("<measure number=\"1\">" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</measure>");
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlLoader.Parse(xml, "deep.musicxml"));
        Assert.Contains($"nested more than {MusicXmlLoader.MaxElementDepth} deep", e.Problem, StringComparison.Ordinal);
        Assert.Matches(@"^\d+:\d+$", e.Location);
    }

    [Fact]
    public void Missing_divisions_names_part_and_measure()
    {
        var xml = MusicXmlFixtures.Score("<measure number=\"1\"><attributes><time><beats>4</beats><beat-type>4</beat-type></time></attributes>" +
            MusicXmlFixtures.Note("C", 4, 4, "whole") + "</measure>");
        var e = Fails(xml);
        Assert.Equal("part P1, measure 1", e.Location);
        Assert.Contains("divisions", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<divisions>0</divisions>")]
    [InlineData("<divisions>999999999999</divisions>")]
    [InlineData("<divisions>two</divisions>")]
    public void Absurd_divisions_are_rejected(string divisions)
    {
        var xml = MusicXmlFixtures.Score($"<measure number=\"3\"><attributes>{divisions}</attributes>" + MusicXmlFixtures.Note("C", 4, 4, "whole") + "</measure>");
        Assert.Equal("part P1, measure 3", Fails(xml).Location);
    }

    [Theory]
    [InlineData("<duration>x</duration>")]
    [InlineData("<duration>99999999999999</duration>")]
    public void Absurd_note_durations_are_rejected(string duration)
    {
        var xml = MusicXmlFixtures.Score("<measure number=\"12\">" + MusicXmlFixtures.Attributes() +
            $"<note><pitch><step>C</step><octave>4</octave></pitch>{duration}<voice>1</voice></note></measure>");
        Assert.Equal("part P1, measure 12", Fails(xml).Location);
    }

    [Fact]
    public void Absurd_octave_and_tuplet_counts_are_rejected()
    {
        var octave = MusicXmlFixtures.Score("<measure number=\"1\">" + MusicXmlFixtures.Attributes() + MusicXmlFixtures.Note("C", 400, 2) + "</measure>");
        Assert.Contains("octave", Fails(octave).Problem, StringComparison.Ordinal);
        var tuplet = MusicXmlFixtures.Score("<measure number=\"1\">" + MusicXmlFixtures.Attributes() +
            MusicXmlFixtures.Note("C", 4, 2, extra: "<time-modification><actual-notes>0</actual-notes><normal-notes>2</normal-notes></time-modification>") + "</measure>");
        Assert.Contains("actual-notes", Fails(tuplet).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_overflowing_the_measure_are_kept_in_time_not_lost()
    {
        // Five quarters in a 4/4 bar: the reference keeps them (the bar is just long); nothing is dropped.
        var xml = MusicXmlFixtures.Score("<measure number=\"1\">" + MusicXmlFixtures.Attributes() +
            string.Concat(Enumerable.Repeat(MusicXmlFixtures.Note("G", 4, 2), 5)) + "</measure>");
        var abc = MusicXmlToAbc.Convert(MusicXmlLoader.Parse(xml), "x").Abc;
        Assert.Contains("G2 G2 G2 G2 G2 |", abc, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_elements_are_ignored()
    {
        var xml = MusicXmlFixtures.Score("<measure number=\"1\">" + MusicXmlFixtures.Attributes() + "<mystery><deep a=\"1\"/></mystery>" +
            MusicXmlFixtures.Note("G", 4, 8, "whole", extra: "<gizmo/>") + "</measure>");
        Assert.Contains("G8 |", MusicXmlToAbc.Convert(MusicXmlLoader.Parse(xml), "x").Abc, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_score_is_rejected()
    {
        Assert.Contains("not a MusicXML score", Fails("<html><body/></html>").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Mxl_that_is_not_a_zip_is_rejected_clearly()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "fake.mxl");
        File.WriteAllText(path, "<score-partwise/>");
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlLoader.Load(path));
        Assert.Contains("not a zip", e.Problem, StringComparison.Ordinal);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Mxl_whose_score_expands_past_the_cap_is_refused_without_reading_it_all()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "bomb.mxl");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var container = zip.CreateEntry("META-INF/container.xml");
            using (var w = new StreamWriter(container.Open()))
                w.Write("<container><rootfiles><rootfile full-path=\"score.xml\"/></rootfiles></container>");
            var score = zip.CreateEntry("score.xml", CompressionLevel.SmallestSize);
            using var s = score.Open();
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)' ');
            s.Write(Encoding.ASCII.GetBytes("<score-partwise>"));
            for (var i = 0; i < (MusicXmlLoader.MaxDocumentBytes >> 20) + 2; i++)
                s.Write(block);
        }
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlLoader.Load(path));
        Assert.Contains("bytes", e.Problem, StringComparison.Ordinal);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Mxl_finds_the_root_file_named_by_the_container()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "good.mxl");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("META-INF/container.xml").Open()))
                w.Write("<container><rootfiles><rootfile full-path=\"inner/score.musicxml\"/></rootfiles></container>");
            using (var w = new StreamWriter(zip.CreateEntry("decoy.xml").Open()))
                w.Write("<not-a-score/>");
            using (var w = new StreamWriter(zip.CreateEntry("inner/score.musicxml").Open()))
                w.Write(MusicXmlFixtures.Scale);
        }
        Assert.Contains("C2 D2 E2", MusicXmlToAbc.ConvertFile(path), StringComparison.Ordinal);
    }

    /// <summary>The ways an .mxl can be broken short of a zip bomb: each names the file and says what is wrong.</summary>
    [Theory]
    [InlineData("empty", "not a zip archive")]
    [InlineData("zip header, then garbage", "not a readable zip")]
    [InlineData("damaged deflate data", "damaged")]
    [InlineData("container.xml with damaged deflate data", "damaged or unreadable")]
    [InlineData("container.xml stored with LZMA", "damaged or unreadable")]
    [InlineData("malformed XML inside", "malformed XML")]
    [InlineData("no score inside", "holds no MusicXML file")]
    public void Broken_mxl_archives_are_refused_naming_the_file(string what, string expected)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "broken.mxl");
        switch (what)
        {
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "zip header, then garbage":
                File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, .. Enumerable.Repeat((byte)0x5A, 200)]);
                break;
            case "damaged deflate data":
                WriteZip(path, MusicXmlFixtures.Scale);
                var bytes = File.ReadAllBytes(path);
                // The score entry's compressed data starts after its 30-byte local header and name; scramble its middle.
                var name = Encoding.ASCII.GetBytes("score.xml");
                var at = bytes.AsSpan().IndexOf(name) + name.Length;
                for (var i = at + 4; i < at + 40; i++)
                    bytes[i] ^= 0xA5;
                File.WriteAllBytes(path, bytes);
                break;
            case "container.xml with damaged deflate data":
                WriteZip(path, MusicXmlFixtures.Scale);
                var damaged = File.ReadAllBytes(path);
                var container = Encoding.ASCII.GetBytes("META-INF/container.xml");
                var start = damaged.AsSpan().IndexOf(container) + container.Length;
                for (var i = start; i < start + 12; i++)
                    damaged[i] ^= 0xFF;
                File.WriteAllBytes(path, damaged);
                break;
            case "container.xml stored with LZMA":
                WriteZip(path, MusicXmlFixtures.Scale);
                var lzma = File.ReadAllBytes(path);
                // Compression method 14 (LZMA) in the local header (offset 8) and in the central directory entry (offset 10).
                lzma[8] = 14;
                var central = lzma.AsSpan().IndexOf("PK\u0001\u0002"u8);
                lzma[central + 10] = 14;
                File.WriteAllBytes(path, lzma);
                break;
            case "malformed XML inside":
                WriteZip(path, "<score-partwise><part-list>\n<oops></score-partwise>");
                break;
            default:
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
                using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
                    w.Write("nothing here");
                break;
        }
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.ConvertFile(path));
        Assert.Equal(path, e.File);
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_inside_an_mxl_names_line_and_column()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "inner.mxl");
        WriteZip(path, "<score-partwise>\n<part-list>\n<oops></score-partwise>");
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.ConvertFile(path));
        Assert.Matches(@"^3:\d+$", e.Location);
    }

    private static void WriteZip(string path, string score)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var w = new StreamWriter(zip.CreateEntry("META-INF/container.xml").Open()))
            w.Write("<container><rootfiles><rootfile full-path=\"score.xml\"/></rootfiles></container>");
        using (var w = new StreamWriter(zip.CreateEntry("score.xml").Open()))
            w.Write(score);
    }
}
