using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Novelty;
using NotaGen.Evaluation.Pieces;
using Xunit;

namespace NotaGen.Evaluation.Tests;

public sealed class NearestTrainingPieceTests
{
    private static readonly CorpusPiece[] Training =
    [
        new() { Id = "scale", Abc = "X:1\nL:1/4\nM:4/4\nK:C\nC D E F | G A B c | c B A G | F E D C |]\n" },
        new() { Id = "arpeggio", Abc = "X:1\nL:1/4\nM:4/4\nK:C\nC E G c | c G E C | C E G c | c4 |]\n" },
    ];

    [Fact]
    public void The_nearest_piece_is_the_one_with_most_bars_in_common_and_is_read_for_display()
    {
        // The scale with its third bar changed: 3 of 4 bars equal → edit similarity 1 − 1/4.
        var piece = AnalyzedPiece.FromAbc("X:1\nL:1/4\nM:4/4\nK:C\nC D E F | G A B c | e d c B | F E D C |]\n", "generated");
        var nearest = NearestTrainingPiece.Find(piece, Training);
        Assert.NotNull(nearest);
        Assert.Equal("scale", nearest.Report.Nearest);
        Assert.Equal(0.75, nearest.Report.NearestSimilarity, 12);
        Assert.Equal("scale", nearest.Nearest.Name);
        Assert.True(nearest.Nearest.Parses);
        Assert.Equal(16, nearest.Nearest.Events!.Notes.Count);
    }

    [Fact]
    public void A_piece_without_bars_or_without_training_pieces_has_no_nearest_piece()
    {
        Assert.Null(NearestTrainingPiece.Find(AnalyzedPiece.FromAbc("% no tune here\n", "empty"), Training));
        var piece = AnalyzedPiece.FromAbc("X:1\nL:1/4\nM:4/4\nK:C\nC D E F |]\n", "generated");
        Assert.NotNull(NearestTrainingPiece.Find(piece, Training));
        Assert.Null(NearestTrainingPiece.Find(piece, []));
    }
}
