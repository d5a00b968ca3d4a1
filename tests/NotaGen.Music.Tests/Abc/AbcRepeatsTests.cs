using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using Xunit;

namespace NotaGen.Music.Tests.Abc;

public class AbcRepeatsTests
{
    /// <summary>The pitches a tune plays in order, repeats and endings played.</summary>
    private static string Played(string body)
    {
        var tune = AbcParser.Parse($"X:1\nL:1/4\nM:2/4\nK:C\n{body}\n").ThrowIfErrors().Tunes[0];
        var events = tune.ToPlayedScoreEvents();
        // Onsets must follow each other without gap: every note is a quarter.
        Assert.Equal(events.Notes.Select((_, i) => new Time.Rational(i, 4)), events.Notes.Select(n => n.Onset));
        return string.Concat(events.Notes.Select(n => "C D EF G A B"[n.Pitch - 60]));
    }

    [Theory]
    [InlineData("CD|EF|GA|]", "CDEFGA")]
    [InlineData("|:CD|EF:|GA|]", "CDEFCDEFGA")]
    [InlineData("CD|EF:|GA|]", "CDEFCDEFGA")]
    [InlineData("CD|:EF:|GA|]", "CDEFEFGA")]
    [InlineData("|:CD|1EF:|2GA|]", "CDEFCDGA")]
    [InlineData("|:CD|[1EF:|[2GA|]", "CDEFCDGA")]
    [InlineData("|:CD|1,2EF:|3GA|]", "CDEFCDEFCDGA")]
    [InlineData("|:CD|1EF:|2GA||BC|]", "CDEFCDGABC")]
    [InlineData("|:CD||1EF:|2GA|]", "CDEFCDGA")] // an ending right after a double bar: abc2midi does not read it (RepeatsAgreementTests)
    [InlineData("|:CD:|:EF:|GA|]", "CDCDEFEFGA")]
    [InlineData("|:CD:|EF:|GA|]", "CDCDEFEFGA")]
    // A :| or ending without |: after a repeat: back to the last double bar (a movement's start), as abc2midi places the |:
    [InlineData("|:CD:|EF|]GA:|BC|]", "CDCDEFGAGABC")]
    [InlineData("|:CD:|EF||GA|1BA:|2CE|]", "CDCDEFGABAGACE")]
    [InlineData("CD|]EF:|GA|]", "CDEFCDEFGA")] // the first one goes back to the start
    [InlineData("|:CD|1EF:|2GA||BC:|DE|]", "CDEFCDGABCBCDE")] // a double bar ends the last ending
    // A double bar inside an ending that a later ending follows stays in it (MusicXML's <ending> spans it)
    [InlineData("|:CD|1EF:|2GA:|3BA||GF:|4CE|]", "CDEFCDGACDBAGFCDCE")]
    public void Repeats_and_endings_are_played_in_abc2midis_order(string body, string played)
    {
        Assert.Equal(played, Played(body));
    }

    [Fact]
    public void Every_voice_follows_the_voice_with_the_most_repeat_signs_so_voices_stay_together()
    {
        // abc2midi reads each voice's own signs: V:2 would play twice while V:1 plays three times (RepeatsAgreementTests).
        var text = "X:1\nL:1/4\nM:4/4\nK:C\nV:1\n|: CDEF |1,2 GABc :|3 cBAG |]\nV:2\n|: C,4 | D,4 :| E,4 |]\n";
        var notes = AbcParser.Parse(text).ThrowIfErrors().Tunes[0].ToPlayedScoreEvents().Notes;
        var second = notes.Where(n => n.Voice == "2").Select(n => ((n.Onset * 4).ToString(), n.Pitch)).ToList();
        Assert.Equal([("0", 48), ("4", 50), ("8", 48), ("12", 50), ("16", 48), ("20", 52)], second);
        Assert.Equal(24, notes.Count(n => n.Voice == "1"));
    }

    [Fact]
    public void Ending_lists_name_their_passes_and_are_capped()
    {
        Assert.Equal([1, 2, 3], AbcRepeats.EndingNumbers("1-3"));
        Assert.Equal([1, 3], AbcRepeats.EndingNumbers("1,3"));
        Assert.Equal(AbcRepeats.MaxPasses, AbcRepeats.EndingNumbers("1-999999").Count);
    }

    [Fact]
    public void Tempo_in_force_is_stated_again_after_a_jump_back()
    {
        var tune = AbcParser.Parse("X:1\nL:1/4\nM:2/4\nQ:1/4=60\nK:C\n|:CD|[Q:1/4=120]EF:|GA|]\n").ThrowIfErrors().Tunes[0];
        var tempi = tune.ToPlayedScoreEvents().Tempi.Select(t => (t.Onset.ToString(), (int)t.BeatsPerMinute.ToDouble())).ToList();
        Assert.Equal([("0", 60), ("1/2", 120), ("1", 60), ("3/2", 120)], tempi);
    }
}
