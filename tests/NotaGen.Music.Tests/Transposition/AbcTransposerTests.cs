using NotaGen.Music.Transposition;
using Xunit;

namespace NotaGen.Music.Tests.Transposition;

public class AbcTransposerTests
{
    [Fact]
    public void Notes_follow_the_key_and_written_accidentals_are_respelled_for_it()
    {
        // C major up a minor third to Eb: F# becomes A natural, Bb becomes Db, B natural becomes D natural.
        const string tune = "X:1\nL:1/8\nK:C\nC D E F | ^F G _B =B | c'2 C,2 |]\n";
        var result = AbcTransposer.ToKey(tune, "Eb");
        Assert.Equal("X:1\nL:1/8\nK:Eb\nE F G A | =A B _d =d | e'2 E,2 |]\n", result.Text);
        Assert.Equal(new Interval(2, 3), result.Interval);
    }

    [Fact]
    public void Going_down_crosses_octaves_with_commas()
    {
        // C to B is down a minor second (NotaGen takes 11 semitones as -1).
        var result = AbcTransposer.ToKey("X:1\nK:C\nc C C, ^C |]\n", "B");
        Assert.Equal("X:1\nK:B\nB B, B,, ^B, |]\n", result.Text);
    }

    [Fact]
    public void Minor_keys_keep_their_mode_and_chord_symbols_move_root_and_bass()
    {
        const string tune = "X:1\nK:Amin clef=bass\n\"Am7/E\"A,2 \"^Andante\"E2 \"G#dim\"^G2 |]\n";
        var result = AbcTransposer.ToKey(tune, "Eb");
        Assert.Equal("X:1\nK:Cmin clef=bass\n\"Cm7/G\"C2 \"^Andante\"G2 \"Bdim\"=B2 |]\n", result.Text);
    }

    [Fact]
    public void Inline_key_changes_move_and_are_respelled_beyond_seven_sharps()
    {
        // C to F# is up an augmented fourth; E major would become A# major (10 sharps), so it is written Bb.
        const string tune = "X:1\nK:C\nC E G c | [K:E] E ^G B e |]\n";
        var result = AbcTransposer.ToKey(tune, "F#");
        // The written sharp on G# stays a written accidental: a natural on D in Bb major.
        Assert.Equal("X:1\nK:F#\nF A c f | [K:Bb] B =d f b |]\n", result.Text);
    }

    [Fact]
    public void Interleaved_text_keeps_counters_voice_markers_and_decorations()
    {
        const string text = "%%score 1 2\nL:1/8\nK:G\nV:1 treble\nV:2 bass\n[r:0/0][V:1]!p! \"D7\"d2 (3B/c/d/ .e|[V:2]{/a}G,, [G,B,D]2|]\n";
        var result = AbcTransposer.ToKey(text, "A");
        Assert.Equal("%%score 1 2\nL:1/8\nK:A\nV:1 treble\nV:2 bass\n[r:0/0][V:1]!p! \"E7\"e2 (3c/d/e/ .f|[V:2]{/b}A,, [A,CE]2|]\n", result.Text);
    }

    [Fact]
    public void Up_then_down_gives_the_text_back()
    {
        const string tune = "X:1\nT:Test\nK:Dmix\nV:1\n\"D\"D2 ^F =F | _B2 ^C _E | [K:Bb] B,4 |]\n";
        foreach (var key in NotaGenKeys.All)
        {
            var up = AbcTransposer.ToKey(tune, key);
            // Back by the inverse interval: ToKey(up, "G") would go up again across a tritone (NotaGen's +6).
            var down = AbcTransposer.ByInterval(up.Text, up.Interval.Inverse);
            Assert.Equal(tune, down.Text);
        }
    }

    [Fact]
    public void A_double_flat_that_would_need_three_flats_is_respelled_and_counted()
    {
        // G to Gb moves every letter down a chromatic semitone: E double-flat would be E triple-flat, so it becomes D flat.
        var result = AbcTransposer.ToKey("X:1\nK:G\n__E G |]\n", "Gb");
        Assert.Equal("X:1\nK:Gb\n_D G |]\n", result.Text);
        Assert.Equal(1, result.Respelled);
    }

    [Fact]
    public void A_note_that_took_its_flat_from_a_respelled_note_is_respelled_with_it()
    {
        // B to Cb: every letter up one, no semitone. A-flat would be B triple-flat, so it stays A-flat; the plain A
        // after it (A-flat by the bar's accidental) must not become B (B-flat in Cb): it stays A, flat from the bar.
        // In the next bar A is A-sharp (B major), which is B in Cb.
        var result = AbcTransposer.ToKey("X:1\nK:B\n_A A c | A |]\n", "Cb");
        Assert.Equal("X:1\nK:Cb\n_A A d | B |]\n", result.Text);
        Assert.Equal(2, result.Respelled);
    }

    [Fact]
    public void A_target_that_is_not_a_key_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => AbcTransposer.ToKey("X:1\nK:C\nC|\n", "H"));
        Assert.Throws<ArgumentException>(() => AbcTransposer.ToKey("X:1\nK:C\nC|\n", "G#"));
    }
}
