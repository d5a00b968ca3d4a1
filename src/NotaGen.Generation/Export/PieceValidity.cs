using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;

namespace NotaGen.Generation.Export;

/// <summary>
/// Whether a restored piece is usable music, as the workbench's own ABC engine sees it: it restores (rest_unreduce),
/// parses and interprets without errors, and how many of its bars are aligned across voices.
/// </summary>
/// <param name="Parses">Restored, parsed and interpreted without an error-level diagnostic.</param>
/// <param name="Errors">The first error messages (with line:column), empty when it parses.</param>
/// <param name="Alignment">Bar alignment of the interpreted piece; null when it could not be interpreted.</param>
public sealed record PieceValidity(bool Parses, IReadOnlyList<string> Errors, BarAlignment? Alignment)
{
    private const int MaxErrors = 5;

    /// <summary>NotaGen's BAE for this piece (share of misaligned bars); null when it does not parse.</summary>
    public double? BarAlignmentError => Alignment?.Error;

    public static PieceValidity Of(RestoredPiece restored, string name = "<generated>")
    {
        if (restored.Abc is null)
            return new PieceValidity(false, [restored.Error ?? "the raw text could not be restored"], null);
        var document = AbcParser.Parse(restored.Abc, name);
        var errors = document.Diagnostics.Where(d => d.Severity == AbcSeverity.Error).Select(d => d.ToString()).ToList();
        if (document.Tunes.Count == 0)
            return new PieceValidity(false, [.. errors, $"{name}: no tune in the restored text"], null);
        var semantics = AbcInterpreter.Interpret(document.Tunes[0], name);
        errors.AddRange(semantics.Diagnostics.Where(d => d.Severity == AbcSeverity.Error).Select(d => d.ToString()));
        return new PieceValidity(errors.Count == 0, errors.Take(MaxErrors).ToList(), BarAlignment.Of(semantics));
    }
}
