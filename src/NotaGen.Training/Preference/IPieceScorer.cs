using NotaGen.Music.NotaGenFormat;
namespace NotaGen.Training.Preference;

/// <summary>
/// Scores a generated piece for a prompt (higher is better) and says whether it may be a "chosen" piece at all
/// (NotaGen's chosen-set filters). The DPO recipe ranks candidates by score; the scorer is pluggable so the style
/// classifier of the evaluation layer can join validity and bar alignment when it lands.
/// </summary>
public interface IPieceScorer
{
    string Name { get; }

    PieceScore Score(string piece, StylePrompt? prompt);
}

/// <param name="Value">The ranking score.</param>
/// <param name="Eligible">False when a filter excludes the piece from the chosen set.</param>
/// <param name="Reason">Why it is not eligible, for the selection report.</param>
public sealed record PieceScore(double Value, bool Eligible, string? Reason = null);
