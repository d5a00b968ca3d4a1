using NotaGen.Generation.Outputs;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Continuation;

/// <summary>
/// The part of a continuation the model wrote: the piece's header with only the bars after the prompt's. Figures of a
/// continuation (bars, bar alignment, whether it parses) are taken on this, so the copied prompt does not count.
/// </summary>
public static class NewBars
{
    /// <summary>The raw text of <paramref name="rawText"/> with its first <paramref name="promptBars"/> bars left out.</summary>
    public static string Text(string rawText, int promptBars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptBars);
        var lines = DocumentLines.ForTraining(rawText);
        var body = lines.Body.Where(l => l.Contains("[V:", StringComparison.Ordinal)).Skip(promptBars);
        return string.Concat(lines.Header) + string.Concat(body);
    }

    /// <summary>Restores and checks only the new bars (<see cref="PieceValidity"/>); a continuation without new bars does not parse.</summary>
    public static PieceValidity Validity(string rawText, int promptBars, string fileName = "<generated>")
    {
        var text = Text(rawText, promptBars);
        if (!text.Contains("[V:", StringComparison.Ordinal))
            return new PieceValidity(true, false, $"{fileName}: no bars after the prompt's {promptBars}", 0, 0, 0);
        return PieceValidity.Of(RestoredPiece.From(text, fileName), fileName);
    }
}
