using NotaGen.Corpus.Sources;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Labels;

/// <summary>
/// Decides a piece's labels: a labels-table row wins (its composer ASCII-folded to NotaGen's spelling); otherwise the
/// composer the score names, mapped through the composer table to a period, and the instrumentation classifier.
/// Exercise rows get no labels (they must not teach style) but the piece is kept for pre-training.
/// </summary>
public sealed class PieceLabeler(ComposerPeriods composers)
{
    public StylePrompt? Label(LabelRow? row, RawPiece piece)
    {
        if (row is not null)
        {
            if (row.IsExercise) return null;
            if (row.Composer is not null || row.Period is not null || row.Instrumentation is not null)
                return new StylePrompt(row.Period, row.Composer is null ? null : AsciiFolding.Fold(row.Composer), row.Instrumentation);
        }
        var known = composers.Find(piece.Composer);
        var instrumentation = InstrumentationClassifier.Classify(piece.Parts);
        if (known is null && instrumentation is null) return null;
        return new StylePrompt(known?.Period, known?.Name, instrumentation);
    }
}
