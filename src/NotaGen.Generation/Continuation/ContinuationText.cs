using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Continuation;

/// <summary>
/// A piece in NotaGen's format laid out as the generator continues it: its header lines, then its bars renumbered
/// with <c>[r:i/j]</c> counters for the whole piece (prompt bars plus <paramref name="MoreBars"/>). The generator
/// and the constraint check read it from here, so both see the same text.
/// </summary>
/// <param name="Header">Header lines, each with its newline.</param>
/// <param name="Body">The prompt's bars with counters, one line each.</param>
/// <param name="PromptBars">Bars of the prompt.</param>
/// <param name="MoreBars">Bars to write after them.</param>
public sealed record ContinuationText(string Header, string Body, int PromptBars, int MoreBars)
{
    /// <summary>Bars of the finished piece.</summary>
    public int TotalBars => PromptBars + MoreBars;

    public static ContinuationText Of(string piece, int moreBars)
    {
        var lines = DocumentLines.ForTraining(piece);
        if (!lines.Body.Any(l => l.Contains("[V:", StringComparison.Ordinal)))
            throw new ArgumentException("the piece to continue has no body line with [V:");
        var body = lines.Body.Select(BarCounters.Strip).ToList();
        var total = body.Count + moreBars;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < body.Count; i++)
            text.Append(BarCounters.Counter(i, total)).Append(body[i]);
        return new ContinuationText(string.Concat(lines.Header), text.ToString(), body.Count, moreBars);
    }
}
