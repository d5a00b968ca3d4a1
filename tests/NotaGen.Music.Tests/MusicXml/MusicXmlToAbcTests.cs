using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

public class MusicXmlToAbcTests
{
    private static string Convert(string xml) => MusicXmlToAbc.Convert(MusicXmlLoader.Parse(xml, "test.musicxml"), "test.musicxml").Abc;

    private static string Body(string abc, string voice)
    {
        var lines = abc.Split('\n');
        var start = Array.IndexOf(lines, "V:" + voice);
        Assert.True(start >= 0, $"no body for voice {voice} in:\n{abc}");
        return string.Join("", lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("V:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Header_carries_unit_meter_key_tempo_and_part_names()
    {
        var abc = Convert(MusicXmlFixtures.Scale);
        Assert.Contains("L:1/8\n", abc, StringComparison.Ordinal);
        Assert.Contains("M:4/4\n", abc, StringComparison.Ordinal);
        Assert.Contains("K:C\n", abc, StringComparison.Ordinal);
        Assert.Contains("Q:1/4=96\n", abc, StringComparison.Ordinal);
        Assert.Contains("V:1 treble nm=\"Violin\" snm=\"Vln.\"", abc, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_ties_chords_triplets_and_rests_are_written_in_eighth_units()
    {
        var body = Body(Convert(MusicXmlFixtures.Scale), "1");
        // quarter = 2 units; F# tied over the bar; the chord; a (3 triplet of unbeamed eighths; a final bar |].
        Assert.Contains("C2 D2 E2 ^F2- |", body, StringComparison.Ordinal);
        Assert.Contains("F2 [Ac]2 (3B c d z2 |]", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Accidental_is_not_repeated_on_the_tied_note_but_is_after_the_bar()
    {
        var body = Body(Convert(MusicXmlFixtures.Scale), "1");
        Assert.DoesNotContain("^F2 [Ac]", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Piano_gets_one_voice_per_staff_voice_grouped_in_score_line()
    {
        var abc = Convert(MusicXmlFixtures.Piano);
        Assert.Contains("%%score { ( 1 2 ) | 3 }\n", abc, StringComparison.Ordinal);
        Assert.Contains("V:1 treble nm=\"Piano\"", abc, StringComparison.Ordinal);
        Assert.Contains("V:3 bass", abc, StringComparison.Ordinal);
        Assert.Equal(" e8 |", Body(abc, "1").Split('%')[0].TrimEnd());
        Assert.Equal(" c4 B4 |", Body(abc, "2").Split('%')[0].TrimEnd());
        Assert.Equal(" C,8 |", Body(abc, "3").Split('%')[0].TrimEnd());
    }

    [Fact]
    public void Key_change_mid_piece_becomes_an_inline_field()
    {
        var xml = MusicXmlFixtures.Score("<measure number=\"1\">" + MusicXmlFixtures.Attributes(divisions: 1) +
            MusicXmlFixtures.Note("C", 4, 4, "whole") + "</measure><measure number=\"2\"><attributes><key><fifths>-3</fifths><mode>minor</mode></key></attributes>" +
            MusicXmlFixtures.Note("E", 4, 4, "whole", alter: -1) + "</measure>");
        var body = Body(Convert(xml), "1");
        Assert.Contains("[K:Cmin] E8 |", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Transposing_instrument_writes_transpose_on_the_clef()
    {
        var xml = MusicXmlFixtures.Score("<measure number=\"1\">" + MusicXmlFixtures.Attributes(divisions: 1,
            extra: "<transpose><diatonic>-1</diatonic><chromatic>-2</chromatic></transpose>") +
            MusicXmlFixtures.Note("D", 5, 4, "whole") + "</measure>");
        Assert.Contains("V:1 treble transpose=-2", Convert(xml), StringComparison.Ordinal);
    }
}
