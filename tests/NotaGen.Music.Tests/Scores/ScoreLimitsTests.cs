using System.Text;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.Scores;

/// <summary>
/// Voices and notes per bar past <see cref="ScoreLimits"/> stop every reader with an error naming the file and where;
/// a piece exactly at a limit is read.
/// </summary>
public class ScoreLimitsTests
{
    private const int Voices = ScoreLimits.MaxVoices;
    private const int Notes = ScoreLimits.MaxNotesPerBar;

    private static AbcTuneSemantics InterpretAbc(string text) => AbcInterpreter.Interpret(AbcParser.Parse(text, "big.abc").Tunes[0], "big.abc");

    private static string AbcWithVoices(int count)
    {
        var text = new StringBuilder("X:1\nL:1/8\nM:4/4\nK:C\n");
        for (var v = 1; v <= count; v++)
            text.Append("V:").Append(v).Append('\n').Append("C8|\n");
        return text.ToString();
    }

    [Fact]
    public void Abc_reads_the_limits_number_of_voices_and_stops_at_the_next_voice_with_its_line()
    {
        Assert.Equal(Voices, InterpretAbc(AbcWithVoices(Voices)).Voices.Count);
        var e = Assert.Throws<MusicFormatException>(() => InterpretAbc(AbcWithVoices(Voices + 1)));
        Assert.Equal("big.abc", e.File);
        Assert.Equal($"{4 + (2 * Voices) + 1}:1", e.Location); // the V: line of voice 1001
        Assert.Contains($"more than {Voices} voices", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Abc_stops_at_the_note_past_the_limit_in_one_bar_and_counts_chord_notes_and_rests()
    {
        var atLimit = "X:1\nL:1/8\nM:4/4\nK:C\n" + string.Concat(Enumerable.Repeat("C", Notes)) + "|\n";
        Assert.Equal(Notes, InterpretAbc(atLimit).Voices[0].Notes.Count);
        var notes = "X:1\nL:1/8\nM:4/4\nK:C\n" + string.Concat(Enumerable.Repeat("C", Notes)) + "D|\n";
        var e = Assert.Throws<MusicFormatException>(() => InterpretAbc(notes));
        Assert.Equal($"5:{Notes + 1}", e.Location);
        Assert.Contains($"more than {Notes} notes and rests in one bar of voice", e.Problem, StringComparison.Ordinal);
        var chords = "X:1\nL:1/8\nM:4/4\nK:C\n" + string.Concat(Enumerable.Repeat("[CE]", Notes / 2)) + "z|\n";
        Assert.Throws<MusicFormatException>(() => InterpretAbc(chords));
        // The count starts again at each bar line.
        var twoBars = "X:1\nL:1/8\nM:4/4\nK:C\n" + string.Concat(Enumerable.Repeat("C", Notes)) + "|" + string.Concat(Enumerable.Repeat("C", Notes)) + "|\n";
        Assert.Equal(2 * Notes, InterpretAbc(twoBars).Voices[0].Notes.Count);
    }

    private static string MusicXml(string measures) =>
        "<score-partwise><part-list><score-part id=\"P1\"><part-name>x</part-name></score-part></part-list><part id=\"P1\">" + measures + "</part></score-partwise>";

    private static string XmlNote(int voice) => $"<note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><voice>{voice}</voice></note>";

    [Fact]
    public void MusicXml_stops_at_the_note_past_the_limit_in_one_measure_naming_part_and_measure()
    {
        var head = "<measure number=\"7\"><attributes><divisions>1</divisions></attributes>";
        var atLimit = MusicXml(head + string.Concat(Enumerable.Repeat(XmlNote(1), Notes)) + "</measure>");
        Assert.Contains("V:1", MusicXmlToAbc.Convert(MusicXmlLoader.Parse(atLimit, "big.musicxml"), "big.musicxml").Abc, StringComparison.Ordinal);
        var past = MusicXml(head + string.Concat(Enumerable.Repeat(XmlNote(1), Notes + 1)) + "</measure>");
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.Convert(MusicXmlLoader.Parse(past, "big.musicxml"), "big.musicxml"));
        Assert.Equal("big.musicxml", e.File);
        Assert.Equal("part P1, measure 7", e.Location);
        Assert.Contains($"more than {Notes} notes and rests in one measure of voice 1", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MusicXml_stops_at_the_voice_past_the_limit_naming_part_and_measure()
    {
        // Voice numbers -500..500: 1001 voices, each one note with a backup so that they share the measure.
        var notes = string.Concat(Enumerable.Range(-500, Voices + 1).Select(v => XmlNote(v) + "<backup><duration>1</duration></backup>"));
        var xml = MusicXml("<measure number=\"3\"><attributes><divisions>1</divisions></attributes>" + notes + "</measure>");
        var e = Assert.Throws<MusicFormatException>(() => MusicXmlToAbc.Convert(MusicXmlLoader.Parse(xml, "voices.musicxml"), "voices.musicxml"));
        Assert.Equal("part P1, measure 3", e.Location);
        Assert.Contains($"more than {Voices} voices in the score", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Midi_import_stops_when_the_notes_need_more_voices_than_the_limit_naming_the_track()
    {
        // One note per track: every track is a part of its own, with one voice.
        MidiTrack Track(int i) => new([new NoteOnEvent(0, 0, 60 + (i % 12), 64), new NoteOffEvent(480, 0, 60 + (i % 12))]);
        var file = new MidiFile(1, 480, Enumerable.Range(0, Voices + 1).Select(Track).ToList());
        var e = Assert.Throws<MusicFormatException>(() => MidiToAbc.Convert(file, "tracks.mid"));
        Assert.Equal("tracks.mid", e.File);
        Assert.Equal($"track {Voices + 1}, channel 1", e.Location); // tracks count from 1, as in the import's other messages
        Assert.Contains($"more than {Voices} voices", e.Problem, StringComparison.Ordinal);
    }
}
