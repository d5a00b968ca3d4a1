using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Pieces;

namespace NotaGen.Evaluation.Novelty;

/// <summary>A piece, the training piece nearest to it, both read for display, and the novelty report that chose it.</summary>
public sealed record NearestPiece(AnalyzedPiece Piece, AnalyzedPiece Nearest, NoveltyReport Report);

/// <summary>
/// Finds the training piece nearest to a generated one by the novelty metric's own measure (bar-level normalised edit
/// similarity, <see cref="NoveltyMetrics"/>), so a side-by-side view shows the piece that metric compares against.
/// </summary>
public static class NearestTrainingPiece
{
    /// <summary>
    /// The nearest of <paramref name="training"/>, or null when the piece could not be read or has no bars (every
    /// training piece would be equally far), or no training piece could be read.
    /// <paramref name="index"/> is <see cref="BarSequenceIndex.OfCorpus"/> of the same pieces (built here when null).
    /// </summary>
    public static NearestPiece? Find(AnalyzedPiece piece, IReadOnlyList<CorpusPiece> training, BarSequenceIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(training);
        if (piece.Semantics is null || piece.Events is null) return null;
        var bars = PieceBars.From(piece.Semantics, piece.Events).Select(b => b.Key).ToList();
        if (bars.Count == 0) return null;
        index ??= BarSequenceIndex.OfCorpus(training);
        if (index.Count == 0) return null;
        var report = NoveltyMetrics.Measure(bars, index);
        var source = training.FirstOrDefault(t => t.Id == report.Nearest)
            ?? throw new ArgumentException($"the index names training piece '{report.Nearest}', which is not among the {training.Count} given pieces");
        return new NearestPiece(piece, AnalyzedPiece.FromAbc(source.Abc, source.Id), report);
    }
}
