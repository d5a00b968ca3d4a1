using NotaGen.Music;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;

namespace NotaGen.Generation.Outputs;

/// <summary>
/// Whether a generated piece is usable music: it restores (rest_unreduce), its ABC parses and plays without errors,
/// and how many of its bars are aligned across voices (NotaGen's RL data filter rejects pieces whose voices disagree).
/// </summary>
/// <param name="Restores">The raw text could be restored to full-voice ABC.</param>
/// <param name="Parses">The restored ABC parses and interprets without errors.</param>
/// <param name="Problem">The first restore, parse or interpretation error (file:line:column where known), or null.</param>
/// <param name="Voices">Voices with at least one bar.</param>
/// <param name="Bars">Bars of the longest voice.</param>
/// <param name="MisalignedBars">Bars whose voices' durations disagree, or that some voice lacks.</param>
public sealed record PieceValidity(bool Restores, bool Parses, string? Problem, int Voices, int Bars, int MisalignedBars)
{
    /// <summary>Share of bars whose voices' durations disagree (0 with fewer than two voices or no bars).</summary>
    public double BarAlignmentError => Bars == 0 ? 0 : (double)MisalignedBars / Bars;

    /// <summary>Parses, and every bar aligned.</summary>
    public bool Valid => Parses && MisalignedBars == 0;

    /// <summary>Checks a restored piece.</summary>
    public static PieceValidity Of(RestoredPiece restored, string fileName = "<generated>")
    {
        if (restored.Abc is null)
            return new PieceValidity(false, false, restored.Error, 0, 0, 0);
        try
        {
            var document = AbcParser.Parse(restored.Abc, fileName).ThrowIfErrors();
            if (document.Tunes.Count == 0)
                return new PieceValidity(true, false, $"{fileName}: no tune in the restored ABC", 0, 0, 0);
            var semantics = AbcInterpreter.Interpret(document.Tunes[0], fileName);
            var error = semantics.Diagnostics.FirstOrDefault(d => d.Severity == AbcSeverity.Error);
            var (voices, bars, misaligned) = Alignment(semantics);
            return new PieceValidity(true, error is null, error?.ToString(), voices, bars, misaligned);
        }
        catch (MusicFormatException e)
        {
            return new PieceValidity(true, false, e.Message, 0, 0, 0);
        }
    }

    private static (int Voices, int Bars, int Misaligned) Alignment(AbcTuneSemantics semantics)
    {
        var alignment = BarAlignment.Of(semantics);
        return (semantics.Voices.Count(v => v.Bars.Count > 0), alignment.Bars, alignment.MisalignedBars);
    }
}
