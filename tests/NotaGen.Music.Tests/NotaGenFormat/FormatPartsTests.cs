using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Music.Tests.NotaGenFormat;

public class FormatPartsTests
{
    [Fact]
    public void Bar_counters_count_up_and_down()
    {
        Assert.Equal(["[r:0/2]a|", "[r:1/1]b|", "[r:2/0]c|"], BarCounters.Add(["a|", "b|", "c|"]));
        Assert.Equal("[V:1]a|", BarCounters.Strip("[r:12/3][V:1]a|"));
        Assert.Equal((12, 3), BarCounters.Read("[r:12/3][V:1]a|"));
        Assert.Null(BarCounters.Read("[V:1]a|"));
    }

    [Fact]
    public void Prompt_lines_are_three_single_percent_lines()
    {
        var prompt = new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard");
        var document = prompt.ToText() + "%%score 1\nL:1/8\n";
        Assert.Equal("%Romantic\n%Chopin, Frederic\n%Keyboard\n%%score 1\nL:1/8\n", document);
        Assert.Equal(prompt, PromptLines.Read(document));
        Assert.Equal("%%score 1\nL:1/8\n", PromptLines.Remove(document));
    }

    [Fact]
    public void The_slash_form_of_a_prompt_reads_back_trimmed_and_refuses_anything_but_three_parts()
    {
        var prompt = new StylePrompt("Romantic", "Schubert, Franz", "Art Song");
        Assert.Equal("Romantic/Schubert, Franz/Art Song", prompt.ToSlashText());
        Assert.Equal(prompt, StylePrompt.TryParse(prompt.ToSlashText()));
        Assert.Equal(prompt, StylePrompt.TryParse(" Romantic / Schubert, Franz / Art Song "));
        Assert.Equal(prompt, StylePrompt.TryParse("Romantic\tSchubert, Franz\tArt Song", '\t'));
        Assert.Null(StylePrompt.TryParse("Romantic/Schubert, Franz"));
        Assert.Null(StylePrompt.TryParse("Romantic/Schubert, Franz/Art Song/extra"));
        Assert.Null(StylePrompt.TryParse("Romantic/ /Art Song"));
        Assert.Equal("Romantic//", new StylePrompt("Romantic", null, null).ToSlashText());
    }

    [Fact]
    public void Removing_the_leading_prompt_keeps_every_later_line_and_leaves_unprompted_text_alone()
    {
        var body = "%%score 1\nL:1/8\n%a comment\nK:C\nCDEF|\n";
        Assert.Equal(body, PromptLines.RemoveLeading("%Romantic\n%Chopin, Frederic\n%Keyboard\n" + body));
        Assert.Equal(body, PromptLines.RemoveLeading(body));
        Assert.Equal("%Romantic\n%%score 1\n", PromptLines.RemoveLeading("%Romantic\n%%score 1\n"));
        Assert.Equal("", PromptLines.RemoveLeading("%A\n%B\n%C"));
    }

    [Theory]
    [InlineData("A B c", false)]
    [InlineData("z2 x Z", true)]
    [InlineData("!p! z2", false)]
    [InlineData("[K:D] z4", false)]
    [InlineData("z4 \"^\" ", true)]
    public void Rest_reduction_keeps_bars_with_letters_other_than_rests(string bar, bool restOnly)
    {
        Assert.Equal(restOnly, RestReduction.IsRestOnly(bar));
    }

    [Fact]
    public void Voice_groups_follow_round_brackets_of_the_score_line()
    {
        var groups = VoiceGroups.FromHeader(["%%score { ( 1 4 ) | ( 2 3 ) } 5", "V:1", "V:4", "V:2", "V:3", "V:5"])!;
        Assert.True(groups.ShowsRests("1"));
        Assert.False(groups.ShowsRests("4"));
        Assert.True(groups.ShowsRests("2"));
        Assert.False(groups.ShowsRests("3"));
        Assert.True(groups.ShowsRests("5"));
        Assert.Null(VoiceGroups.FromHeader(["V:1", "V:2"]));
        Assert.True(VoiceGroups.FromHeader(["L:1/8", "V:1"])!.ShowsRests("1"));
    }

    [Theory]
    [InlineData("%%score { ( 1 2 ) | ( 3 4", "%%score { ( 1 2 ) | ( 3 4)}")]
    [InlineData("%%score [ 1 2 ] 3", "%%score [ 1 2 ] 3")]
    [InlineData("%%score { 1 ( 2 3 }", "%%score { 1 ( 2 3 })}")]
    public void Unbalanced_score_brackets_are_closed_innermost_first(string line, string closed)
    {
        Assert.Equal(closed, VoiceGroups.CloseBrackets(line));
    }

    [Fact]
    public void Deinterleave_gives_one_section_per_voice_and_a_tune_of_its_own()
    {
        const string interleaved = "%%score 1 2\nL:1/8\nV:1\nV:2\n[r:0/1][V:1][K:D]|:A2|[V:2]|:C2|\n[r:1/0][V:1]B2:|[V:2]D2:|\n";
        Assert.Equal("X:1\n%%score 1 2\nL:1/8\nV:1\nV:2\nV:1\n [K:D]|:A2| B2:|\nV:2\n |:C2| D2:|\n",
            Deinterleaver.Deinterleave(interleaved));
    }

    [Fact]
    public void Deinterleaving_reduced_text_is_an_error_that_says_what_to_do()
    {
        var error = Assert.Throws<MusicFormatException>(() =>
            Deinterleaver.Deinterleave("V:1\nV:2\n[V:1]A|[V:2]C|\n[V:1]B|\n", "r.abc"));
        Assert.StartsWith("r.abc:4:1: voice V:2 is missing", error.Message);
    }
}
