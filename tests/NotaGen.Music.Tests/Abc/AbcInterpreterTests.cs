using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;
using Xunit;

namespace NotaGen.Music.Tests.Abc;

public sealed class AbcInterpreterTests
{
    private static AbcTuneSemantics Interpret(string text)
    {
        var document = AbcParser.Parse(text);
        Assert.False(document.HasErrors, string.Join("\n", document.Diagnostics));
        return AbcInterpreter.Interpret(document.Tunes[0]);
    }

    private static List<int> Pitches(string header, string body) =>
        Interpret($"X:1\n{header}\n{body}\n").Voices[0].Notes.Select(n => n.Pitch).ToList();

    [Theory]
    [InlineData("K:C", "C D E F G A B c", new[] { 60, 62, 64, 65, 67, 69, 71, 72 })]
    [InlineData("K:G", "F f F,", new[] { 66, 78, 54 })]
    [InlineData("K:Bb", "B E A", new[] { 70, 63, 69 })]
    [InlineData("K:Am", "F C G", new[] { 65, 60, 67 })]
    [InlineData("K:D dorian", "F C B", new[] { 65, 60, 71 })]
    [InlineData("K:E mixolydian", "F C G D", new[] { 66, 61, 68, 62 })]
    [InlineData("K:F#", "E B", new[] { 65, 71 })]
    [InlineData("K:Cb", "C F", new[] { 59, 64 })]
    [InlineData("K:D =c", "C F", new[] { 60, 66 })]
    [InlineData("K:C exp ^f _b", "F B E", new[] { 66, 70, 64 })]
    [InlineData("K:C", "^^C __D =E", new[] { 62, 60, 64 })]
    public void Sounding_pitch_follows_key_signature_modes_and_explicit_accidentals(string key, string body, int[] expected)
    {
        Assert.Equal(expected, Pitches("L:1/8\n" + key, body));
    }

    [Fact]
    public void Accidentals_hold_to_the_bar_end_per_octave_and_ties_carry_them_over_the_bar_line()
    {
        // ^F sharpens later F in the bar, not f (other octave); the bar line cancels it, except for the tied note
        // (merged into the ^F2 before it), so the last F is natural again.
        Assert.Equal([66, 66, 77, 66, 66, 65], Pitches("L:1/8\nK:C", "^F F f F | ^F2- | F F |"));
        var notes = Interpret("X:1\nL:1/8\nK:C\n^F2- | F F |\n").Voices[0].Notes;
        Assert.Equal(2, notes.Count); // tie merged: ^F (2 + 1 eighths) then a natural F
        Assert.Equal((66, new Rational(3, 8)), (notes[0].Pitch, notes[0].Duration));
        Assert.Equal(65, notes[1].Pitch);
    }

    [Theory]
    [InlineData("[GG]4- | [GG]4 |")]
    [InlineData("[G-G-]4 | [GG]4 |")]
    public void Each_note_of_a_tied_unison_continues_into_the_next_chord(string body)
    {
        // ABC 2.1 (4.11, 4.17): a tie after a chord ties each of its notes to the same pitch in the next chord, so both
        // Gs of the unison sound for two bars (abc2midi too); neither is struck again in the second bar.
        var notes = Interpret($"X:1\nL:1/4\nM:4/4\nK:C\n{body}\n").Voices[0].Notes;
        Assert.Equal([(67, Rational.Zero, new Rational(2, 1)), (67, Rational.Zero, new Rational(2, 1))],
            notes.Select(n => (n.Pitch, n.Onset, n.Duration)));
    }

    [Fact]
    public void Transpose_and_octave_properties_change_the_sounding_pitch()
    {
        var semantics = Interpret("X:1\nL:1/8\nK:C\nV:1 transpose=-2\nV:2 octave=-1\nV:1\nc|\nV:2\nc|\n");
        Assert.Equal(70, semantics.Voice("1")!.Notes[0].Pitch);
        Assert.Equal(60, semantics.Voice("2")!.Notes[0].Pitch);
    }

    [Theory]
    [InlineData("M:4/4\nL:1/8", "A>B C<D", "3/16,1/16,1/16,3/16")]
    [InlineData("M:4/4\nL:1/8", "A>>B", "7/32,1/32")]
    [InlineData("M:4/4\nL:1/8", "(3ABC", "1/12,1/12,1/12")]
    [InlineData("M:4/4\nL:1/8", "(3:2:2A2B z", "1/6,1/12")]
    [InlineData("M:6/8\nL:1/8", "(2AB", "3/16,3/16")]
    [InlineData("M:6/8\nL:1/8", "(5ABCDE", "3/40,3/40,3/40,3/40,3/40")]
    [InlineData("M:4/4\nL:1/8", "(5ABCDE", "1/20,1/20,1/20,1/20,1/20")]
    [InlineData("M:4/4\nL:1/4", "{ga}A [CE]2 [C2E]/", "1/4,1/2,1/2,1/4,1/8")]
    [InlineData("M:4/4\nL:1/16", "A3/2 B//", "3/32,1/64")]
    public void Note_durations_are_exact(string header, string body, string expected)
    {
        var notes = Interpret($"X:1\n{header}\nK:C\n{body}|\n").Voices[0].Notes;
        Assert.Equal(expected, string.Join(",", notes.Select(n => n.Duration.ToString())));
    }

    [Fact]
    public void Bars_per_voice_with_pickup_multi_measure_rest_meter_change_and_grace_notes()
    {
        var semantics = Interpret(
            "X:1\nM:3/4\nL:1/8\nK:G\nV:1\nV:2\n" +
            "[V:1] d | {e}d2 G2 G2 | Z2 | [M:2/4] A4 |]\n" +
            "[V:2] z | B,6 | z6 | x6 | [M:2/4] D4 |]\n");
        var one = semantics.Voice("1")!.Bars;
        Assert.Equal(["1/8", "3/4", "3/4", "3/4", "1/2"], one.Select(b => b.Duration.ToString()));
        Assert.Equal(["1/8", "3/4", "3/4", "3/4", "1/2"], semantics.Voice("2")!.Bars.Select(b => b.Duration.ToString()));
        Assert.False(one[0].IsComplete); // the pickup
        Assert.True(one[4].IsComplete);
        Assert.Equal(new Meter(2, 4), one[4].Meter);
        Assert.Empty(AbcBarCheck.Check(semantics));
        Assert.Equal(new Rational(1, 8) + new Rational(9, 4) + new Rational(1, 2), semantics.Voice("1")!.End);
    }

    [Fact]
    public void Bar_check_reports_voices_that_disagree()
    {
        var semantics = Interpret("X:1\nM:2/4\nL:1/8\nK:C\nV:1\nA4|B4|\nV:2\nA4|B3|\n");
        var problem = Assert.Single(AbcBarCheck.Check(semantics, "t.abc"));
        Assert.Contains("bar 2", problem.Message, StringComparison.Ordinal);
        Assert.Equal(AbcSeverity.Warning, problem.Severity);
    }

    [Fact]
    public void Inline_key_and_length_changes_apply_from_where_they_stand()
    {
        Assert.Equal([65, 66, 66], Pitches("L:1/8\nK:C", "F [K:G] F | F"));
        var notes = Interpret("X:1\nL:1/8\nK:C\nA [L:1/4] A|\n").Voices[0].Notes;
        Assert.Equal([new Rational(1, 8), new Rational(1, 4)], notes.Select(n => n.Duration));
    }

    [Fact]
    public void Interleaved_voices_and_score_events()
    {
        var tune = AbcParser.Parse("%%score { 1 | 2 }\nL:1/8\nQ:1/4=90\nM:2/4\nK:D\nV:1 treble nm=\"Piano\"\nV:2 bass\n[V:1]!f! f2 e2|[V:2]D,4|\n[V:1]d4|][V:2]z4|]\n").Tunes[0];
        var events = tune.ToScoreEvents();
        Assert.Equal(["1", "2"], events.Voices.Select(v => v.Id));
        Assert.Equal("Piano", events.Voices[0].Name);
        Assert.Equal([(78, "0"), (50, "0"), (76, "1/4"), (74, "1/2")], events.Notes.Select(n => (n.Pitch, n.Onset.ToString())));
        Assert.Equal(105, events.Notes[0].Velocity);
        Assert.Equal(1, events.Notes.Single(n => n.Pitch == 74).Bar);
        Assert.Equal(Rational.FromInteger(90), events.Tempi.Single().BeatsPerMinute);
        Assert.Equal((2, 4), (events.Meters.Single().Numerator, events.Meters.Single().Denominator));
        Assert.Equal(2, events.Keys.Single().Fifths);
        Assert.Equal(Rational.One, events.End);
    }

    [Fact]
    public void Microtonal_notes_are_reported_not_rounded()
    {
        var semantics = Interpret("X:1\nL:1/8\nK:C\n^/c d|\n");
        Assert.Single(semantics.Voices[0].Notes);
        Assert.Contains(semantics.Diagnostics, d => d.Message.Contains("microtonal", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("A2 B/ c/ (3def", "5")]
    [InlineData("z4", "4")]
    [InlineData("[CEG]2 {ab}c>d", "4")]
    [InlineData("\"^text\"!p! x6", "6")]
    [InlineData("A3/2B/", "2")]
    public void Bar_text_duration_in_units_of_L(string text, string expected)
    {
        Assert.Equal(expected, AbcBarText.Duration(text)?.ToString());
    }

    [Fact]
    public void Bar_text_with_errors_has_no_duration()
    {
        Assert.Null(AbcBarText.Duration("A2 [B"));
    }
}
