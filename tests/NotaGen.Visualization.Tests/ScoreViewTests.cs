using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;
using NotaGen.Visualization.Scores;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class ScoreViewTests
{
    private const string TwoVoices = "X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC E | G c | B2 |\nV:2\nC,2 | E,2 | G,3 |\n";

    private static AbcTune Tune(string abc) => AbcParser.Parse(abc, "t.abc").ThrowIfErrors().Tunes[0];

    [Fact]
    public void The_piano_roll_has_one_stroke_per_note_per_voice_in_quarter_notes()
    {
        var strokes = PianoRoll.Strokes(Tune(TwoVoices).ToScoreEvents());
        Assert.Equal(["1", "2"], strokes.Select(s => s.Voice));
        var top = strokes[0];
        Assert.Equal(5, top.Notes);
        Assert.Equal(15, top.X.Count);
        Assert.Equal([0.0, 1.0], top.X.Take(2));   // C: a quarter note from 0
        Assert.Equal(60, top.Y[0]);
        Assert.True(double.IsNaN(top.X[2]), "a gap separates the strokes");
        Assert.Equal([4.0, 6.0], top.X.Skip(12).Take(2));  // B2: half note in bar 3
    }

    [Fact]
    public void Pitch_classes_and_melodic_intervals_are_counted()
    {
        var events = Tune("X:1\nL:1/4\nM:4/4\nK:C\nC E G c | [CEG]2 B2 |\n").ToScoreEvents();
        var classes = PitchStatistics.PitchClassCounts(events);
        Assert.Equal(3, classes[0]);   // C, c, and C in the chord
        Assert.Equal(2, classes[4]);
        Assert.Equal(1, classes[11]);
        // Melody (top notes): C E G c G B → +4 +3 +5 −5 +4.
        Assert.Equal([(-5, 1), (3, 1), (4, 2), (5, 1)], PitchStatistics.IntervalCounts(events));
    }

    [Fact]
    public void Bar_durations_flag_the_bar_where_voices_disagree()
    {
        var semantics = AbcInterpreter.Interpret(Tune(TwoVoices));
        var rows = BarDurations.Rows(semantics);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(new Rational(1, 2), r.Expected));
        var bad = BarDurations.Mismatches(semantics);
        Assert.Equal([("1", 2), ("2", 2)], bad.Select(r => (r.Voice, r.Bar)));
        Assert.Equal(new Rational(3, 4), bad[1].Duration);
    }
}
