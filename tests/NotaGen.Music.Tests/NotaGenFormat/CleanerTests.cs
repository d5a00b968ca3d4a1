using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Music.Tests.NotaGenFormat;

public class CleanerTests
{
    private static string Cleaned(string text)
    {
        var result = Cleaner.Clean(text);
        Assert.False(result.IsRejected, result.Rejection);
        return result.Text!;
    }

    [Fact]
    public void Removes_title_composer_lyrics_and_midi_lines_and_keeps_the_others()
    {
        const string tune = "X:1\nT:Ständchen\nC:Franz Schubert\nZ:ed.\n%%MIDI program 1\n%%score 1\nL:1/8\nQ:1/4=60\nM:3/4\nI:linebreak $\nK:G\nV:1 treble\nV:1\nG6 |]\nw: Lei-se\n";
        Assert.Equal("%%score 1\nL:1/8\nQ:1/4=60\nM:3/4\nI:linebreak $\nK:G\nV:1 treble\nV:1\nG6 |]\n", Cleaned(tune));
    }

    // The ellipsis folds to "...", which step 7 then shortens to "." inside a ^annotation.
    [Fact]
    public void Folds_to_ascii_and_drops_blank_lines()
    {
        var cleaned = Cleaned("V:1 nm=\"Violoncello – “Dvořák” Ænigma\"\n\n   \nV:1\n\"^Très lent…\" A |]\n");
        Assert.Equal("V:1 nm=\"Violoncello - \"Dvorak\" AEnigma\"\nV:1\n\"^Tres lent.\" A |]\n", cleaned);
        Assert.True(AsciiFolding.IsAscii(cleaned));
    }

    [Fact]
    public void Removes_bar_number_comments_only_in_the_body()
    {
        var cleaned = Cleaned("%1 header comment\nV:1\nA | B | %2\nc | d |] %4\n");
        Assert.Equal("%1 header comment\nV:1\nA | B | \nc | d |] \n", cleaned);
    }

    [Fact]
    public void Deletes_escaped_quotes_in_music_but_not_in_fields()
    {
        var cleaned = Cleaned("V:1 nm=\"a\\\"b\"\nV:1\n\"^say \\\"hi\\\"\" A |]\n");
        Assert.Equal("V:1 nm=\"a\\\"b\"\nV:1\n\"^say hi\" A |]\n", cleaned);
    }

    [Fact]
    public void Deletes_quoted_strings_that_contain_a_barline()
    {
        Assert.Equal("V:1\n A | B |]\n", Cleaned("V:1\n\"^a|b\" A | B |]\n"));
    }

    [Fact]
    public void Shortens_and_filters_text_annotations_but_leaves_chord_symbols()
    {
        var cleaned = Cleaned("V:1\n\"\"A \"^cresc.....\"B \"_" + new string('x', 40) + "\"c \"Am7/E\"d \"^---!!\"e |]\n");
        Assert.Equal("V:1\nA \"^cresc.\"B c \"Am7/E\"d \"^-!\"e |]\n", cleaned);
    }

    [Fact]
    public void Rejects_voices_with_different_bar_counts_with_a_reason()
    {
        var result = Cleaner.Clean("V:1\nV:2\nV:1\nA | B |\nV:2\nC |\n");
        Assert.True(result.IsRejected);
        Assert.Equal("unequal bar numbers: V:2 has 1 bars, V:1 has 2", result.Rejection);
    }

    [Fact]
    public void Rejects_a_tune_without_a_V1_body()
    {
        Assert.True(Cleaner.Clean("X:1\nK:C\nABC|\n").IsRejected);
    }
}
