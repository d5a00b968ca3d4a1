using System.Globalization;
using NotaGen.Evaluation.Pieces;
using NotaGen.Evaluation.Structure;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Preference;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// A DPO scorer from the evaluation layer: score = mean of (the classifiers' probability of the prompt's labels,
/// validity, 1 − bar alignment error). A piece that does not restore and parse scores 0 and is not eligible; only
/// fully aligned pieces are eligible as "chosen" (NotaGen's chosen-set filter). Without a prompt the style term is left
/// out.
/// </summary>
public sealed class StyleScorer(StyleModel model) : IPieceScorer
{
    public string Name => "style";

    public PieceScore Score(string piece, StylePrompt? prompt)
    {
        var analyzed = AnalyzedPiece.FromAbc(piece, "<candidate>");
        if (!analyzed.Parses || analyzed.Events!.Notes.Count == 0)
            return new PieceScore(0, false, analyzed.Errors.FirstOrDefault() ?? "no notes");
        var bae = BarAlignment.Of(analyzed.Semantics!).Error;
        var terms = new List<double> { 1, 1 - bae };
        if (prompt is not null && model.LabelProbability(StyleFeatures.Extract(analyzed), prompt) is var p && !double.IsNaN(p))
            terms.Add(p);
        var score = terms.Average();
        return bae == 0 ? new PieceScore(score, true) : new PieceScore(score, false, string.Create(CultureInfo.InvariantCulture, $"bar alignment error {bae * 100:0.0}%"));
    }
}
