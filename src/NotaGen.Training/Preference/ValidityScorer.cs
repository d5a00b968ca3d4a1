using System.Globalization;
using NotaGen.Generation;
using NotaGen.Generation.Outputs;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Training.Preference;

/// <summary>
/// The seed's "music-theory reward" through the ABC engine: 0 for a piece that does not restore, parse and interpret
/// without errors; otherwise 0.5 + 0.5 × (1 − bar alignment error). Only valid pieces with every bar aligned across
/// voices are eligible as "chosen" (NotaGen's first chosen-set filter, with durations rather than barline counts).
/// </summary>
public sealed class ValidityScorer : IPieceScorer
{
    public string Name => "validity";

    public PieceScore Score(string piece, StylePrompt? prompt)
    {
        var validity = PieceValidity.Of(RestoredPiece.From(piece));
        if (!validity.Parses)
            return new PieceScore(0, false, validity.Problem ?? "does not parse");
        var error = validity.BarAlignmentError;
        return new PieceScore(0.5 + 0.5 * (1 - error), error == 0, error == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"bar alignment error {error * 100:0.0}%"));
    }
}
