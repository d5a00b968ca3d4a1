using NotaGen.Generation;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Continuation;
using NotaGen.Generation.Outputs;
using NotaGen.Music;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation.Continuation;

/// <summary>
/// A score as a continuation prompt: the normalisation changes no note, length or barline and says what it dropped,
/// the first bars are kept, the constraint's automaton refuses what it cannot continue by bar and voice, and the
/// figures of a continuation count only the bars after the prompt.
/// </summary>
public sealed class ContinuationPromptTests
{
    private static readonly ContinuationSettings Structure = new(ConstraintLevel.Structure, MoreBars: 2, PromptLines: ["Romantic", "Schubert, Franz", "Art Song"]);

    [Fact]
    public void Normalising_writes_the_score_line_and_drops_only_marks_without_duration()
    {
        const string piece = "L:1/8\nM:3/4\nK:G\nV:1 treble\n"
            + "[r:0/1][V:1]\"G\"G2 !fermata!B2 .d2|\n"
            + "[r:1/0][V:1]\"^dolce\"!p!c2 \"<left\"A2 F2|\n";
        var (text, changes) = PromptNormaliser.Normalise(piece);
        Assert.Equal("%%score 1\nL:1/8\nM:3/4\nK:G\nV:1 treble\n"
            + "[r:0/1][V:1]G2 B2 d2|\n"
            + "[r:1/0][V:1]\"^dolce\"!p!c2 A2 F2|\n", text);
        Assert.Equal(
        [
            "added '%%score 1' (one staff per voice, as without it)",
            "dropped 1 × chord symbol (first in bar 1)",
            "dropped 1 × decoration !fermata! (first in bar 1)",
            "dropped 1 × staccato dot (first in bar 1)",
            "dropped 1 × annotation (first in bar 2)",
        ], changes);
    }

    [Fact]
    public void A_score_line_written_without_spaces_is_spaced_as_xml2abc_writes_it()
    {
        var (text, changes) = PromptNormaliser.Normalise("%%score (1 2) 3\nL:1/8\nM:2/4\nK:C\nV:1 treble\nV:2 treble\nV:3 bass\n[V:1]C4|[V:3]C,4|\n");
        Assert.StartsWith("%%score ( 1 2 ) 3\nL:1/8\n", text, StringComparison.Ordinal);
        Assert.Single(changes);
        // The spaced header is inside the grammar.
        var prompt = ContinuationPrompt.FromNotaGenText(text, "three.abc", Structure);
        Assert.Equal(1, prompt.Bars);
    }

    [Fact]
    public void The_first_bars_are_kept_and_the_prompt_is_inside_the_structure_grammar()
    {
        const string piece = "%%score 1\nL:1/8\nM:3/4\nK:G\nV:1 treble\n[V:1]G2 B2 d2|\n[V:1]c2 A2 F2|\n[V:1]G4 B2|\n";
        var prompt = ContinuationPrompt.FromNotaGenText(piece, "tune.abc", Structure with { PromptBars = 2 });
        Assert.Equal(2, prompt.Bars);
        Assert.Equal(3, prompt.SourceBars);
        Assert.Equal("%%score 1\nL:1/8\nM:3/4\nK:G\nV:1 treble\n[V:1]G2 B2 d2|\n[V:1]c2 A2 F2|\n", prompt.Text);
        Assert.Empty(prompt.Changes);

        // The generator's layout of it (counters for prompt and new bars) is what the grammar accepted.
        var layout = ContinuationText.Of(prompt.Text, Structure.MoreBars);
        var cursor = new ScoreGrammar(ConstraintLevel.Structure, bars: layout.TotalBars).Start();
        Assert.True(cursor.AdvanceText("%Romantic\n%Schubert, Franz\n%Art Song\n" + layout.Header + layout.Body, out _));
        Assert.StartsWith("[r:0/3][V:1]G2 B2 d2|\n[r:1/2]", layout.Body, StringComparison.Ordinal);
    }

    [Theory]
    // A chord tied over the bar line, in voice 2 of bar 2 (a single note may be).
    [InlineData("[V:1]G6|[V:2]G,6|\n[V:1]G6|[V:2][G,B,]6-|\n[V:1]G6|[V:2][G,B,]6|\n", "bar 2, voice 2, column ", "a tie", "with the constraint none")]
    // A bar two eighths short that is not the last: its syntax is fine, so the syntax constraint is offered.
    [InlineData("[V:1]G6|[V:2]G,6|\n[V:1]G4|[V:2]G,4|\n[V:1]G6|[V:2]G,6|\n", "bar 2, voice 1, column ", "a barline", "under the syntax constraint")]
    // An inline key change.
    [InlineData("[V:1]G6|[V:2]G,6|\n[V:1][K:D]G6|[V:2]G,6|\n", "bar 2, voice 1, column ", "an inline field", "with the constraint none")]
    public void A_construct_the_grammar_refuses_is_named_by_file_bar_voice_and_kind(string body, string location, string kind, string alternative)
    {
        var piece = "%%score 1 2\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 bass\n" + body;
        var error = Assert.Throws<MusicFormatException>(() => ContinuationPrompt.FromNotaGenText(piece, "mine.abc", Structure));
        Assert.Equal("mine.abc", error.File);
        Assert.StartsWith(location, error.Location, StringComparison.Ordinal);
        Assert.Contains($"refuses {kind}", error.Problem, StringComparison.Ordinal);
        Assert.Contains(alternative, error.Problem, StringComparison.Ordinal);
        // Without a constraint the same prompt is taken as it is.
        Assert.Equal(body.Count(c => c == '\n'), ContinuationPrompt.FromNotaGenText(piece, "mine.abc", Structure with { Constraint = ConstraintLevel.None }).Bars);
    }

    [Fact]
    public void A_continuations_figures_count_only_the_new_bars()
    {
        // The prompt's bar 1 is misaligned (voice 2 is an eighth short); the two new bars are aligned.
        const string raw = "%Romantic\n%Schubert, Franz\n%Art Song\n%%score 1 2\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 bass\n"
            + "[r:0/2][V:1]G6|[V:2]G,5|\n[r:1/1][V:1]A6|[V:2]A,6|\n[r:2/0][V:1]B6|[V:2]B,6|\n";
        var whole = PieceValidity.Of(RestoredPiece.From(raw));
        Assert.True(whole.Parses, whole.Problem);
        Assert.Equal((3, 1), (whole.Bars, whole.MisalignedBars));

        var fresh = NewBars.Validity(raw, promptBars: 1);
        Assert.True(fresh.Parses, fresh.Problem);
        Assert.Equal((2, 0), (fresh.Bars, fresh.MisalignedBars));
        Assert.DoesNotContain("G6", NewBars.Text(raw, 1), StringComparison.Ordinal);

        var none = NewBars.Validity(raw, promptBars: 3);
        Assert.False(none.Parses);
        Assert.Equal(0, none.Bars);
    }
}
