using NotaGen.Evaluation.Pieces;
using NotaGen.Evaluation.Structure;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class StructureTests
{
    [Fact]
    public void Bar_alignment_error_is_the_share_of_bars_whose_voices_last_differently()
    {
        var piece = Pieces.Analyze(Pieces.Misaligned);
        Assert.Equal(new BarAlignment(3, 1), BarAlignment.Of(piece.Semantics!));
        Assert.Equal(1.0 / 3, BarAlignment.Of(piece.Semantics!).Error, 12);
        Assert.Equal(0.0, BarAlignment.Of(Pieces.Analyze(Pieces.Scale).Semantics!).Error);
    }

    [Fact]
    public void A_voice_with_fewer_bars_makes_its_missing_bars_misaligned()
    {
        var piece = Pieces.Analyze("X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC E|C E|G2|C2|]\nV:2\nC, G,|C,2|]\n");
        Assert.Equal(new BarAlignment(4, 2), BarAlignment.Of(piece.Semantics!));
    }

    [Fact]
    public void Repetition_rate_counts_bars_that_sound_like_an_earlier_bar()
    {
        var piece = Pieces.Analyze(Pieces.Repeats);
        var bars = PieceBars.From(piece.Semantics!, piece.Events!);
        Assert.Equal(4, bars.Count);
        Assert.Equal(bars[0].Key, bars[1].Key);
        Assert.NotEqual(bars[0].Key, bars[2].Key);
        Assert.Equal(0.5, SelfSimilarity.RepetitionRate(bars)); // bars 1 and 3 repeat bar 0
    }

    [Fact]
    public void Intra_similarity_is_the_mean_off_diagonal_cosine_of_the_bar_vectors()
    {
        var piece = Pieces.Analyze(Pieces.Repeats);
        var bars = PieceBars.From(piece.Semantics!, piece.Events!);
        // A = C, D quarters: pitch classes 0 and 2 weigh 1/4 each, onsets at grid 0 and 24 of 48. B = E, F likewise.
        // cos(A, B) = (0 + 1 + 1) / (1/16 + 1/16 + 2) = 2 / 2.125. Six ordered A–A pairs give 1, six A–B pairs give that.
        var ab = 2 / 2.125;
        Assert.Equal(ab, SelfSimilarity.Matrix(bars)[0, 2], 12);
        Assert.Equal((6 + 6 * ab) / 12, SelfSimilarity.IntraSimilarity(bars), 12);
    }

    [Fact]
    public void An_interleaved_rest_reduced_piece_is_restored_before_it_is_measured()
    {
        // NotaGen's format: prompt lines, counters, voice 2 missing from bar 2 (a whole-bar rest, reduced away).
        var text = "%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n%%score { 1 | 2 }\nL:1/4\nM:2/4\nK:C\nV:1 treble\nV:2 bass\n" +
                   "[r:0/1][V:1]C D|[V:2]C, D,|\n[r:1/0][V:1]E F|]\n";
        Assert.True(NotaGenText.IsInterleaved(text));
        var piece = AnalyzedPiece.FromAbc(text, "gen.abc");
        Assert.True(piece.Parses, string.Join("\n", piece.Errors));
        Assert.Equal(2, piece.Semantics!.Voices.Count);
        Assert.All(piece.Semantics.Voices, v => Assert.Equal(2, v.Bars.Count));
        Assert.Equal(0.0, BarAlignment.Of(piece.Semantics).Error);
        Assert.Equal(6, piece.Events!.Notes.Count);
    }

    [Fact]
    public void A_piece_with_a_syntax_error_does_not_parse_and_says_where()
    {
        var piece = AnalyzedPiece.FromAbc("X:1\nL:1/4\nM:4/4\nK:C\nC D E F|[CEG\n", "bad.abc");
        Assert.False(piece.Parses);
        Assert.Contains(piece.Errors, e => e.StartsWith("bad.abc:5:", StringComparison.Ordinal));
    }
}
