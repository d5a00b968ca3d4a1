using NotaGen.Generation.Outputs;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Events;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Pieces;

/// <summary>
/// A piece read once for every metric: the ABC after rest restoration, the parser's errors, the interpreted voices
/// and bars, and the sounding notes. NotaGen's format (interleaved, rest-reduced, with or without prompt lines and
/// <c>[r:]</c> counters) is restored first, as NotaGen's inference does before anything reads its output.
/// </summary>
/// <param name="Name">File or id, for messages.</param>
/// <param name="Abc">Standard ABC that was parsed (restored when the input was NotaGen's format), or null when restoration failed.</param>
/// <param name="Errors">Why the piece is not valid: restoration and parse errors, each naming file and line:column.</param>
/// <param name="Semantics">Voices and bars, or null when nothing could be read.</param>
/// <param name="Events">Sounding notes, or null when nothing could be read.</param>
public sealed record AnalyzedPiece(string Name, string? Abc, IReadOnlyList<string> Errors, AbcTuneSemantics? Semantics, ScoreEvents? Events)
{
    /// <summary>True when the workbench's parser read the piece without an error.</summary>
    public bool Parses => Errors.Count == 0 && Semantics is not null;

    /// <summary>Reads ABC text, in NotaGen's format or standard.</summary>
    public static AnalyzedPiece FromAbc(string text, string name = "<piece>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var abc = text;
        if (NotaGenText.IsInterleaved(text))
        {
            var restored = RestoredPiece.From(text, name);
            if (restored.Abc is null)
                return new AnalyzedPiece(name, null, [restored.Error ?? $"{name}: could not restore rests"], null, null);
            abc = restored.Abc;
        }
        var document = AbcParser.Parse(abc, name);
        var errors = document.Errors.Select(e => e.ToString()).ToList();
        if (document.Tunes.Count == 0)
            return new AnalyzedPiece(name, abc, [.. errors, $"{name}: no tune"], null, null);
        var semantics = AbcInterpreter.Interpret(document.Tunes[0], name);
        errors.AddRange(semantics.Diagnostics.Where(d => d.Severity == AbcSeverity.Error).Select(d => d.ToString()));
        return new AnalyzedPiece(name, abc, errors, semantics, semantics.ToScoreEvents());
    }
}
