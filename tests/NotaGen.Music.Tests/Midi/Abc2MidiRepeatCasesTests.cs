using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>
/// The minimal cases behind <see cref="RepeatsAgreementTests"/>' known differences, run through abc2midi itself: what
/// it plays (read with mido) against the order the workbench plays (<see cref="AbcRepeats"/>). Where the two differ,
/// the case says why abc2midi is wrong; the test fails if abc2midi changes, so the explanations stay true.
/// </summary>
public sealed class Abc2MidiRepeatCasesTests
{
    /// <summary>
    /// A <c>:|</c> or ending without <c>|:</c> after an earlier repeat: abc2midi places the missing <c>|:</c> at the
    /// last double bar (a movement's start) when the tune has one voice, and places none once voices are declared
    /// (<c>V:</c>), so that section is not repeated and its first ending is skipped; each voice of such a tune read on
    /// its own plays as the workbench plays the whole.
    /// </summary>
    [SkippableTheory]
    [InlineData("|:CD:|EF|]GA|1BA:|2CE|]", "CDCDEFGABAGACE", "CDCDEFGACE")]
    [InlineData("CD:|EF|]GA:|BC|]", "CDCDEFGAGABC", "CDCDEFGABC")]
    [InlineData("CD:|EF|]GA::BC:|DE|]", "CDCDEFGAGABCBCDE", "CDCDEFGABCBCDE")]
    public void A_repeat_without_its_start_sign_after_a_double_bar_is_lost_once_abc2midi_reads_voices(string music, string oneVoice, string withVoices)
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var single = $"X:1\nL:1/4\nM:2/4\nK:C\n{music}\n";
        var voiced = $"X:1\nL:1/4\nM:2/4\nK:C\nV:1\n{music}\nV:2\n{music}\n";

        Assert.Equal(oneVoice, Abc2MidiPlays(abc2midi, single)[0]);
        Assert.Equal([withVoices, withVoices], Abc2MidiPlays(abc2midi, voiced));
        Assert.Equal(oneVoice, WorkbenchPlays(single, "1"));
        Assert.Equal(oneVoice, WorkbenchPlays(voiced, "1"));
        Assert.Equal(oneVoice, WorkbenchPlays(voiced, "2"));
    }

    /// <summary>
    /// A double bar inside an ending that a later ending follows (<c>:|3 BA||GF:|4</c>): abc2midi, skipping the third
    /// ending on the fourth pass, stops skipping at the double bar and plays the rest of it (GF) before the fourth
    /// ending. The ending runs to the next one (MusicXML's <c>&lt;ending number="3"&gt;</c> spans both bars), so the
    /// fourth pass is CD then CE.
    /// </summary>
    [SkippableFact]
    public void A_double_bar_inside_an_ending_ends_abc2midis_skipping_early()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var tune = "X:1\nL:1/4\nM:2/4\nK:C\n|:CD|1EF:|2GA:|3BA||GF:|4CE|]\n";

        Assert.Equal("CDEFCDGACDBAGFCDGFCE", Abc2MidiPlays(abc2midi, tune)[0]);
        Assert.Equal("CDEFCDGACDBAGFCDCE", WorkbenchPlays(tune, "1"));
    }

    /// <summary>Note names per MIDI channel, in onset order, as mido reads abc2midi's file.</summary>
    private static List<string> Abc2MidiPlays(string abc2midi, string tune)
    {
        using var temp = new TempDirectory("abc2midi-repeats");
        var midi = Abc2Midi.WriteMidi(abc2midi, tune, temp.Path, "tune");
        var notes = MidoDump.Read(midi)[0].Tracks.SelectMany(t => t.Notes).ToList();
        return notes.GroupBy(n => n[0]).OrderBy(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(n => n[2]).Select(n => Name(n[1])))).ToList();
    }

    private static string WorkbenchPlays(string tune, string voice)
    {
        var events = AbcParser.Parse(tune).ThrowIfErrors().Tunes[0].ToPlayedScoreEvents();
        return string.Concat(events.Notes.Where(n => n.Voice == voice).OrderBy(n => n.Onset).Select(n => Name(n.Pitch)));
    }

    private static string Name(long pitch) => "C D EF G A B"[(int)pitch - 60].ToString();
}
