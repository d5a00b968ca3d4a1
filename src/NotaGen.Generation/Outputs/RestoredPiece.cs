using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Generation.Outputs;

/// <summary>
/// NotaGen's post-processing of a raw output (reference f, a.4): rest_unreduce (every declared voice back in every
/// bar, counters dropped), the single-<c>%</c> prompt lines dropped, <c>X:1</c> first: ABC that converters can read.
/// </summary>
/// <param name="Abc">The restored ABC, or null when the raw text could not be restored.</param>
/// <param name="Error">Why it could not (NotaGen discards such samples), or null.</param>
public sealed record RestoredPiece(string? Abc, string? Error)
{
    public static RestoredPiece From(string rawText, string name = "<generated>")
    {
        try
        {
            return new RestoredPiece("X:1\n" + RestUnreducer.Unreduce(PromptLines.Remove(rawText), name), null);
        }
        catch (MusicFormatException e)
        {
            return new RestoredPiece(null, e.Message);
        }
    }
}
