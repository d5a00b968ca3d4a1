using NotaGen.Generation.Constraints;
using NotaGen.Tokenization;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation.Constraints;

/// <summary>Allowed-character sets on hand-built prefixes.</summary>
public class AllowedCharacterTests
{
    private const string Header = "%Romantic\n%Schubert, Franz\n%Art Song\n%%score 1 2\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 bass\n";

    private static ScoreCursor After(string text, ConstraintLevel level = ConstraintLevel.Structure, int? bars = null)
    {
        var cursor = new ScoreGrammar(level, bars: bars).Start();
        Assert.True(cursor.AdvanceText(text, out var failed), $"refused at {failed}: '{(failed >= 0 ? text[failed..] : "")}' ({cursor.Describe()})");
        return cursor;
    }

    private static string Allowed(ScoreCursor cursor, int position = 1)
    {
        Span<bool> allowed = stackalloc bool[128];
        cursor.Allowed(position, allowed);
        var chars = new List<char>();
        for (var id = 32; id < 127; id++)
        {
            if (allowed[id])
                chars.Add((char)id);
        }
        if (allowed['\n'])
            chars.Add('\n');
        return new string(chars.ToArray());
    }

    private static bool Accepts(string text, ConstraintLevel level = ConstraintLevel.Structure) =>
        new ScoreGrammar(level).Start().AdvanceText(text, out _);

    [Fact]
    public void A_full_bar_allows_only_the_barline_and_a_nearly_full_bar_only_lengths_that_fit()
    {
        // 3/4 with L:1/8 is 6 L; after "d4" two eighths are left.
        var full = Allowed(After(Header + "[r:0/3][V:1]d6"));
        Assert.Contains('|', full);
        Assert.DoesNotContain('e', full);         // no room for another note
        Assert.DoesNotContain(' ', full);
        var fits = After(Header + "[r:0/3][V:1]d4 e");
        var allowed = Allowed(fits);
        Assert.Contains('2', allowed);             // e2 fills the bar
        Assert.Contains('/', allowed);             // e/ leaves room
        Assert.Contains('3', allowed);             // e3/2, e3/4 fit
        Assert.DoesNotContain('4', allowed);       // e4 would overflow
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4 e3|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d4 e2|"));
    }

    [Fact]
    public void The_barline_waits_for_the_bar_to_fill_except_in_the_anacrusis_which_sets_the_line()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2|[V:2]G,2|\n"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d2|[V:2]G,4|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6|[V:2]G,6|\n[r:1/2][V:1]d2|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2|[V:2]G,2|\n[r:1/2][V:2]G,6|\n"));
    }

    [Fact]
    public void Tuplets_close_only_on_the_tick_grid()
    {
        // (3 of eighths: 3 × 1 L × 2/3 = 2 L.
        Assert.True(Accepts(Header + "[r:0/3][V:1](3ABc d4|"));
        // (3ABc2 would last 8/3 L: off the grid, so the third note cannot be c2.
        Assert.False(Accepts(Header + "[r:0/3][V:1](3ABc2"));
        Assert.True(Accepts(Header + "[r:0/3][V:1](3:2:2A2B d4|"));
        var inTuplet = Allowed(After(Header + "[r:0/3][V:1](3AB"));
        Assert.DoesNotContain('|', inTuplet);
        // A space between a tuplet's notes, as xml2abc writes unbeamed tuplets; never two, never a bar line after it.
        Assert.Contains(' ', inTuplet);
        Assert.True(Accepts(Header + "[r:0/3][V:1](3A B c d4|"));
        var afterSpace = Allowed(After(Header + "[r:0/3][V:1](3A B "));
        Assert.DoesNotContain(' ', afterSpace);
        Assert.DoesNotContain('|', afterSpace);
        Assert.Contains('c', afterSpace);
    }

    [Fact]
    public void Inline_fields_are_refused()
    {
        Assert.False(Accepts(Header + "[r:0/3][V:1][K:D]"));
        Assert.False(Accepts(Header + "[r:0/3][V:1][M:2/4]"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6|[K:D]"));
    }

    [Fact]
    public void Broken_rhythm_scales_two_equal_lengths_exactly()
    {
        // 3/4 = 48 ticks. d>e: 12 + 4; d2<e2: 8 + 24; d>>e: 14 + 2; d2<<e2: 4 + 28.
        Assert.True(Accepts(Header + "[r:0/3][V:1]d>e d4|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2<e2 d2|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d>>e d4|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2<<e2 d2|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1][GB]>z !p!d<e d2|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d>e d5"));        // d>e is 2 L, not 1 L + 1 L
        Assert.False(Accepts(Header + "[r:0/3][V:1]d>e2"));          // abc2midi: "Notes not equal durations"
        Assert.False(Accepts(Header + "[r:0/3][V:1]d>.e"));          // abc2midi: nothing between the sign and the note
        Assert.False(Accepts(Header + "[r:0/3][V:1].d>"));           // abc2midi: no broken rhythm after a staccato note
        Assert.False(Accepts(Header + "[r:0/3][V:1]d>e>"));          // no chains
        Assert.False(Accepts(Header + "[r:0/3][V:1]d3/2>"));         // 3/2 × 3/2 L is no single note
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4>"));           // the pair would take 8 L of the 6
        Assert.False(Accepts(Header + "[r:0/3][V:1](3d>"));          // not inside tuplets
        Assert.False(Accepts(Header + "[r:0/3][V:1]d >e"));

        var afterNote = Allowed(After(Header + "[r:0/3][V:1]d4 e"));
        Assert.Contains('>', afterNote);
        Assert.Contains('<', afterNote);
        Assert.DoesNotContain('>', Allowed(After(Header + "[r:0/3][V:1]d4 ")));
        Assert.DoesNotContain('>', Allowed(After(Header + "[r:0/3][V:1]d4 e2")));   // e2>f2 would overflow

        var afterSign = Allowed(After(Header + "[r:0/3][V:1]d4 e>"));
        Assert.Contains('f', afterSign);
        Assert.Contains('z', afterSign);
        Assert.Contains('[', afterSign);
        Assert.Contains('>', afterSign);                              // e>>f: 14 + 2 fits as well
        foreach (var refused in " |({!\".")
            Assert.DoesNotContain(refused, afterSign);

        // The second element takes the first's written length: after "d4 e>f" only its end (no length digit).
        var secondLength = Allowed(After(Header + "[r:0/3][V:1]d4 e>f"));
        Assert.Contains('|', secondLength);
        Assert.DoesNotContain('/', secondLength);
        Assert.DoesNotContain('2', secondLength);
        Assert.Contains('2', Allowed(After(Header + "[r:0/3][V:1]d2 e2<f")));
    }

    [Fact]
    public void Decorations_of_the_training_data_and_marks_after_a_slur_are_accepted()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1]!>!d2 !<(!!wedge!e2 !<)!!/!f2|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1](!>!d2 .e2 \"^a\"f2)|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]!//!x6"));         // abcm2ps: "Deco !//! must be on a note"
        Assert.False(Accepts(Header + "[r:0/3][V:1]!/!.z6"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]!//![ce]6|"));
        var afterSlur = Allowed(After(Header + "[r:0/3][V:1](!p!"));
        Assert.DoesNotContain(')', afterSlur);
        Assert.DoesNotContain('z', afterSlur);                        // a slur holds notes
        Assert.Contains('d', afterSlur);
    }

    [Fact]
    public void A_fermata_is_held_by_every_voice_at_the_same_onset_with_the_same_length()
    {
        // abc2midi doubles a fermata element: the voices stay together only if all double the same length at once.
        const string line = Header + "[r:0/3][V:1]d2 !fermata!e2 f2|";
        Assert.True(Accepts(line + "[V:2]G,2 !fermata!z2 G,2|\n"));
        Assert.True(Accepts(line + "[V:2]G,/A,/B, !fermata![G,B,]2 G,2|\n"));
        Assert.False(Accepts(line + "[V:2]G,2 !fermata!z4|"));                   // another length
        Assert.False(Accepts(line + "[V:2]G,3 "));                               // past the onset without it
        Assert.False(Accepts(line + "[V:2]G,2 z2 "));                            // it does not come
        Assert.False(Accepts(line + "[V:2]G,2-"));                              // a tied-to note carries no sign
        Assert.False(Accepts(line + "\n"));                                     // no voice left out (restored without it)
        Assert.Equal(" !", Allowed(After(line + "[V:2]G,2")));                   // only the sign at the onset
        Assert.Equal("e", Allowed(After(line + "[V:2]G,2 !f")));                 // not !f! or !ff!
        Assert.Equal("2", new string(Allowed(After(line + "[V:2]G,2 !fermata!G,")).Where(c => c is >= '0' and <= '9' or '/').ToArray()));
        // Voice 1 sets it (an omitted voice 1 would come back without it), once per bar, never in a tuplet.
        Assert.False(Accepts(Header + "[r:0/3][V:2]!fermata!"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]!fermata!d2 !fermata!"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]!fermata!(3"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]!fermata!d>"));              // nor half of a broken rhythm
        Assert.False(Accepts(Header + "[r:0/3][V:1]!fermata!{"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2 !fermata!e2 f2|[V:2]!fermata!G,2 G,4|", ConstraintLevel.Syntax));
        // Not at onset 0 when another voice's first note is tied over from the bar before.
        const string tied = Header + "[r:0/3][V:1]d6|[V:2]G,6-|\n[r:1/2][V:1]";
        Assert.False(Accepts(tied + "!fermata!"));
        Assert.True(Accepts(tied + "d2 !fermata!e4|[V:2]G,2 !fermata!A,4|\n"));
    }

    [Fact]
    public void Repeats_are_balanced_and_shared_by_the_voices_of_a_line()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1]d6:|[V:2]G,6:|\n"));                    // from the start, as ABC reads it
        Assert.True(Accepts(Header + "[r:0/3][V:1]d6|:[V:2]G,6|:\n[r:1/2][V:1]e6::\n[r:2/1][V:1]f6:|\n[r:3/0][V:1]g6|]\n"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6:|[V:2]G,6|"));                      // every voice the same barline
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6:|\n[r:1/2][V:1]e6:|"));              // nothing open to close
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6|:\n[r:1/2][V:1]e6|:"));              // nor a section inside a section
        Assert.False(Accepts(Header + "[r:0/1][V:1]d6|:\n[r:1/0][V:1]e6|]"));              // the last line closes the section
        Assert.Equal(":", Allowed(After(Header + "[r:0/1][V:1]d6|:\n[r:1/0][V:1]e6")).Replace("-", "").Replace(")", ""));
        Assert.True(Accepts(Header + "[r:0/1][V:1]d6|:\n[r:1/0][V:1]e6:|\n"));
        Assert.False(Accepts(Header + "[r:0/0][V:1]d6|:"));                                 // a section needs a line
        Assert.False(Accepts(Header + "[r:0/0][V:1]d6::"));
        // After an anacrusis only an opened section closes (abc2midi: "Bar 0 has 1 time units ... in repeat").
        Assert.False(Accepts(Header + "[r:0/3][V:1]d2:|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d2|\n[r:1/2][V:1]e6:|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2|:\n[r:1/2][V:1]e6:|\n"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6|1"));                                 // endings: see ScoreCursor.Repeats.cs
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4 e2-:|"));                           // no tie or slur over a repeat
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4 (e2:|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d6:|[V:2]G,4 (A,2:|"));
        // A patch may end before a repeat barline, as the tokenizer's bar patches do.
        var cursor = After(Header + "[r:0/3][V:1]d4 (e2)");
        Assert.True(cursor.Advance(PatchVocabulary.Eos, 5));
        Assert.True(cursor.Advance(':', 0));
    }

    [Fact]
    public void Staccato_dots_and_a_space_before_a_tied_note_are_accepted()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1].d2 .[eg]2 !p!.z2|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]. d"));           // abc2midi reads the dot only right before a note
        Assert.False(Accepts(Header + "[r:0/3][V:1].{"));
        Assert.False(Accepts(Header + "[r:0/3][V:1].d2-"));          // abc2midi cannot tie a staccato note
        Assert.True(Accepts(Header + "[r:0/3][V:1]^c'2- ^c'2 d2|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]^c'2-  ^c'2"));
        Assert.False(Accepts(Header + "[r:0/3][V:1].|"));
    }

    [Fact]
    public void Chords_take_one_length_and_grace_notes_count_nothing()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1][GBd]4 {ef}g2|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1][G2B2]"));
        var afterGrace = Allowed(After(Header + "[r:0/3][V:1]d4 {ef}"));
        Assert.DoesNotContain('z', afterGrace);    // a grace group leads into a note
        Assert.DoesNotContain('|', afterGrace);
        Assert.Contains('g', afterGrace);
    }

    [Fact]
    public void A_tie_repeats_its_note_within_the_bar()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1]^c'2-^c'2 d2|"));
        Assert.Equal(" ^", Allowed(After(Header + "[r:0/0][V:1]^c'2-", bars: 1)));   // one optional space, then the same spelling
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4 e2-f2|"));  // abc2midi needs the same pitch after a tie
    }

    [Fact]
    public void A_tie_over_the_bar_line_opens_the_same_voice_of_the_next_line_with_the_same_note()
    {
        const string tied = Header + "[r:0/3][V:1]d4 ^c'2-|[V:2]G,6|\n";
        Assert.True(Accepts(tied + "[r:1/2][V:1]^c'2 d4|[V:2]G,6|\n"));
        Assert.True(Accepts(tied + "[r:1/2][V:1]^c'6|\n"));                       // voice 2 may rest, voice 1 may not
        Assert.Equal("1", Allowed(After(tied + "[r:1/2][V:")));                   // the tied voice cannot be skipped
        Assert.Equal("^", Allowed(After(tied + "[r:1/2][V:1]")));                 // its first note is the tied-to note
        Assert.False(Accepts(tied + "[r:1/2][V:1]c'2"));                          // the accidental is written again
        Assert.False(Accepts(tied + "[r:1/2][V:1]d2"));                           // a different pitch
        Assert.False(Accepts(tied + "[r:1/2][V:1]z2"));
        Assert.False(Accepts(tied + "[r:1/2][V:1]!p!^c'2"));
        Assert.False(Accepts(tied + "[r:1/2][V:2]"));

        // A plain note keeps the key signature's pitch in both bars (K:G: f is F sharp in both).
        Assert.True(Accepts(Header + "[r:0/3][V:1]d4 f2-|\n[r:1/2][V:1]f2 z4|\n"));
        // A plain note after an accidental on its letter would lose that accidental in the next bar: no tie over.
        Assert.False(Accepts(Header + "[r:0/3][V:1]^c2 c'2 c2-|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]^c c' c2-c2|"));                // within the bar it is the same note
        Assert.True(Accepts(Header + "[r:0/3][V:1]^c2 c'2 =c2-|\n[r:1/2][V:1]=c6|\n"));
        Assert.True(Accepts(Header + "[r:0/3][V:1][ce]2 ^G,2 c2-|\n[r:1/2][V:1]c6|\n"));
        Assert.False(Accepts(Header + "[r:0/3][V:1][c^e]2 e2-|"));               // an accidental inside a chord counts too
        // abc2midi: "Cannot find note before tie" after !breath!; a trilled note tied over the bar miscounts its bar.
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4 !breath!e2-"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d4 !trill!e2-|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]d2 !trill!e2-e2|"));
    }

    [Fact]
    public void A_slur_over_the_bar_line_is_closed_by_the_same_voice_on_a_later_line()
    {
        const string open = Header + "[r:0/3][V:1]d4 (e2|[V:2]G,6|\n";
        Assert.True(Accepts(open + "[r:1/2][V:1]f2) d4|[V:2]G,6|\n"));
        Assert.True(Accepts(open + "[r:1/2][V:1]f6|\n[r:2/1][V:1]g2 a2) z2|\n"));   // over two bar lines
        Assert.True(Accepts(open + "[r:1/2][V:1](3fga f2) d2|\n"));                 // a tuplet inside the slur
        Assert.Equal("1", Allowed(After(open + "[r:1/2][V:")));                      // the slurred voice cannot be skipped
        Assert.DoesNotContain(')', Allowed(After(open + "[r:1/2][V:1]")));           // a note before the slur closes
        Assert.DoesNotContain('z', Allowed(After(open + "[r:1/2][V:1]")));           // a slur holds notes
        Assert.False(Accepts(open + "[r:1/2][V:1]f2 (g2"));                          // no second slur while one is open
        Assert.False(Accepts(open + "[r:1/2][V:2]"));
    }

    [Fact]
    public void The_last_line_leaves_no_tie_open()
    {
        const string last = Header + "[r:0/1][V:1]d6|\n[r:1/0][V:1]";
        Assert.DoesNotContain('-', Allowed(After(last + "e2 d4")));                // a full last bar cannot tie on
        Assert.False(Accepts(last + "e4 d2-|"));                                   // nor cross its barline
        Assert.True(Accepts(last + "e4 d2|\n"));
        Assert.True(Accepts(last + "e2 d2-d2|\n"));
        Assert.True(new ScoreGrammar(ConstraintLevel.Structure, bars: 2).Start().AdvanceText(Header + "[r:0/1][V:1]d2-|\n[r:1/0][V:1]d6|\n", out _));
        Assert.False(new ScoreGrammar(ConstraintLevel.Structure, bars: 1).Start().AdvanceText(Header + "[r:0/0][V:1]d2-|", out _));
        Assert.False(Accepts(Header + "[r:0/1][V:1]d2-|\n[r:1/0][V:1]d2-|", ConstraintLevel.Syntax));
    }

    [Fact]
    public void The_last_line_leaves_no_slur_open()
    {
        const string last = Header + "[r:0/1][V:1](d6|\n[r:1/0][V:1]";
        Assert.False(Accepts(last + "e6|"));
        Assert.False(Accepts(last + "e4 (d2|"));
        Assert.True(Accepts(last + "e4) d2|\n"));
        Assert.False(Accepts(Header + "[r:0/1][V:1](d2|\n[r:1/0][V:1]e2|", ConstraintLevel.Syntax));
    }

    [Fact]
    public void A_patch_may_end_between_a_tie_and_its_barline()
    {
        var cursor = After(Header + "[r:0/3][V:1]d4 e2-");
        Assert.True(cursor.Advance(PatchVocabulary.Eos, 5));
        Assert.False(cursor.Advance('e', 0));  // the next patch starts with the barline
        cursor = After(Header + "[r:0/3][V:1]d4 e2-");
        Assert.True(cursor.Advance(PatchVocabulary.Eos, 5));
        Assert.True(cursor.Advance('|', 0));
    }

    [Fact]
    public void The_header_follows_notagen_order_and_score_declares_each_voice_once()
    {
        Assert.False(Accepts("%%score 1 2\nM:3/4\n"));            // L: comes first
        Assert.False(Accepts("%%score 1 1\n"));                   // voices 1, 2, 3 … in order, once each
        Assert.False(Accepts("%%score ( 1 2\n"));                 // brackets balanced
        Assert.False(Accepts("%%score 1 2\nL:1/8\nM:3/4\nK:G\nV:2 bass\n"));   // V: lines in score order
        Assert.False(Accepts("%%score 1\nL:1/8\nM:3/4\nK:G\nV:1 banjo\n"));    // a clef from the fixed set
        Assert.True(Accepts("%%score { ( 1 2 ) | 3 }\nL:1/8\nQ:1/4=96\nM:3/4\nK:Bb\nV:1 treble nm=\"Piano\" snm=\"Pno.\"\nV:2 treble\nV:3 bass\n"));
        var afterHeader = Allowed(After(Header), position: 0);
        Assert.Equal("[", afterHeader);
        Assert.False(Accepts(Header + "[r:0/3][V:3]"));           // body voices are declared ones
        Assert.False(Accepts(Header + "[r:0/3][V:2]G,6|[V:1]"));  // ascending, each once
    }

    [Fact]
    public void Score_groupings_as_xml2abc_writes_them_declare_voices_1_to_n_in_any_order()
    {
        // xml2abc numbers a part's voices in reading order: the piano's voices 2 and 4 share a staff.
        const string grouped = "%%score 1 { ( 2 4 ) | ( 3 5 ) }\nL:1/8\nM:3/4\nK:F\n"
            + "V:1 treble nm=\"Voice\"\nV:2 treble nm=\"Piano\"\nV:4 treble\nV:3 bass\nV:5 bass\n";
        Assert.True(Accepts(grouped + "[r:0/0][V:1]c6|[V:3]C,6|[V:4]x6|\n"));
        Assert.False(Accepts(grouped + "[r:0/0][V:4]x6|[V:3]"));                 // the body still ascends
        Assert.False(Accepts("%%score 1 { ( 2 4 ) | 3 }\nL:1/8\nM:3/4\nK:F\nV:1 treble\nV:2 treble\nV:3 bass\n"));  // V: lines in score order
        Assert.False(Accepts("%%score 1 4\n"));                                   // ids are 1 … n: 2 and 3 are missing
        Assert.Equal(" ", Allowed(After("%%score 1 4")));                         // so the line goes on
        Assert.False(Accepts("%%score 1 2 2 "));
        Assert.False(Accepts("%%score 2"));                                       // voice 1 first (abc2midi's repeats need it)
        Assert.False(Accepts("%%score 12"));
        Assert.True(Accepts("%%score [ ( 1 2 ) ( 3 4 ) ( 5 6 ) ( 7 8 ) ] { ( 9 11 ) | ( 10 12 ) }\n"));
        // Up to 15 voices (abc2midi's MIDI channels); two-digit ids only while one is unused.
        Assert.True(Accepts("%%score 1 " + string.Join(' ', Enumerable.Range(2, 14).Reverse()) + "\n"));
        Assert.False(Accepts("%%score 16"));
        var lastId = Allowed(After("%%score " + string.Join(' ', Enumerable.Range(1, 15).Where(v => v != 7)) + " "));
        Assert.Equal("7", new string(lastId.Where(char.IsAsciiDigit).ToArray()));   // the one id left (or a bracket before it)
    }

    [Fact]
    public void Part_names_and_annotations_take_the_data_s_punctuation_and_line_breaks()
    {
        const string head = "%%score 1\nL:1/8\nM:3/4\nK:C\nV:1 treble nm=";
        Assert.True(Accepts(head + "\"Singstimme\\nVoice\" snm=\"Piano, 4: I\"\n"));
        Assert.True(Accepts(head + "\" \"\n"));
        Assert.False(Accepts(head + "\"Voice\\\""));                               // a backslash never escapes the quote
        Assert.Equal("n", Allowed(After(head + "\"Voice\\")));
        Assert.False(Accepts(head + "\"" + new string('a', ScoreGrammar.MaxNameLength + 1)));
        Assert.True(Accepts(Header + "[r:0/3][V:1]\"^Moderato un poco Andante\"d6|"));
        Assert.True(Accepts(Header + "[r:0/3][V:1]\"^Double\\nPresto: a/b\"d6|"));
        Assert.False(Accepts(Header + "[r:0/3][V:1]\"^" + new string('a', ScoreGrammar.MaxAnnotationLength + 1)));
        Assert.False(Accepts(Header + "[r:0/3][V:1]\"^a\\\""));
    }

    [Fact]
    public void Counters_count_down_and_the_end_patch_comes_only_after_the_last_line()
    {
        var twoBars = Header + "[r:0/1][V:1]d6|\n";
        Span<bool> allowed = stackalloc bool[128];
        var cursor = After(twoBars);
        cursor.Allowed(0, allowed);
        Assert.False(allowed[PatchVocabulary.Bos]);
        Assert.True(Accepts(twoBars + "[r:1/0][V:2]G,6|\n"));
        Assert.False(Accepts(twoBars + "[r:1/1]"));
        var done = After(twoBars + "[r:1/0][V:2]G,6|\n");
        Assert.Equal(1, done.Allowed(0, allowed));
        Assert.True(allowed[PatchVocabulary.Bos]);
        // After a newline the patch must end.
        done.Allowed(5, allowed);
        Assert.True(allowed[PatchVocabulary.Eos]);
        Assert.Equal(1, allowed.ToArray().Count(a => a));
    }

    [Fact]
    public void The_syntax_level_leaves_bar_lengths_free()
    {
        Assert.True(Accepts(Header + "[r:0/3][V:1]d|[V:2]G,6|\n[r:1/2][V:1]d2|", ConstraintLevel.Syntax));
        Assert.False(Accepts(Header + "[r:0/3][V:1]d|[V:2]G,6|\n[r:1/2][V:1]d2|"));
    }
}
