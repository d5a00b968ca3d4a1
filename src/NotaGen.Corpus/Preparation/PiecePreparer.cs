using NotaGen.Corpus.Labels;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Preparation;

/// <summary>
/// NotaGen's preparation of one standard-ABC piece: cleaning (ASCII folding, removed fields, equal bar counts across
/// voices), the bar and staff filters, then interleaving with rest reduction and, for promptable labels, prompt lines.
/// No <c>[r:]</c> counters: the tokenizer adds them. Throws <see cref="PreparationRejected"/> with the stage that refused.
/// </summary>
public static class PiecePreparer
{
    public static PreparedPiece Prepare(string standardAbc, StylePrompt? labels, PreparationFilters filters, string file)
    {
        var cleaned = Cleaner.Clean(standardAbc, file);
        if (cleaned.IsRejected)
            throw new PreparationRejected("clean", cleaned.Rejection!);
        var tune = StandardTune.Parse(cleaned.Text!, file);
        var bars = tune.Voices.Count == 0 ? 0 : tune.Voices[0].SplitBars().Bars.Count;
        if (bars < filters.MinBars)
            throw new PreparationRejected("filter", $"{bars} bars, fewer than {filters.MinBars}");
        // %%score gives the staves; without it (or without declared voices, as in folk ABC) each voice counts as one.
        var staves = VoiceGroups.FromHeader(tune.HeaderLines)?.Groups.Count is > 0 and var grouped ? grouped : tune.Voices.Count;
        if (staves > filters.MaxStaves)
            throw new PreparationRejected("filter", $"{staves} staves, more than {filters.MaxStaves}");

        var prompt = labels is { CanPrompt: true } ? labels : null;
        var abc = Interleaver.Interleave(tune, new InterleaveOptions { ReduceRests = true, Prompt = prompt }, file);
        return new PreparedPiece(abc, bars, staves, tune.HeaderKey, HeaderValue(tune.HeaderLines, "M:"));
    }

    private static string? HeaderValue(IReadOnlyList<string> header, string prefix) =>
        header.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
}

/// <summary>A piece NotaGen's preparation refuses; <see cref="Stage"/> goes into rejects.tsv.</summary>
public sealed class PreparationRejected(string stage, string reason) : Exception(reason)
{
    public string Stage { get; } = stage;
}
