using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Generation;

/// <summary>
/// What to generate: the style prompt (NotaGen's prompt lines) and the controls users of NotaGen asked for
/// (reference i): a fixed number of bars, forced key / meter / tempo lines, or the continuation of a given piece.
/// </summary>
public sealed record PieceRequest
{
    /// <summary>Prompt lines without their <c>%</c>, e.g. "Romantic", "Schubert, Franz", "Art Song"; empty = unconditional.</summary>
    public IReadOnlyList<string> PromptLines { get; init; } = [];

    /// <summary>The prompt lines as they open the piece's text, each with its <c>%</c> and a newline.</summary>
    public string PromptText => NotaGen.Music.NotaGenFormat.PromptLines.Write(PromptLines);

    /// <summary>Number of bars (body lines): the body starts with <c>[r:0/N-1]</c>, every line gets its counter, and generation stops after N lines.</summary>
    public int? Bars { get; init; }

    /// <summary>Forced <c>K:</c> line value, e.g. "G" or "Am".</summary>
    public string? Key { get; init; }

    /// <summary>Forced <c>M:</c> line value, e.g. "3/4".</summary>
    public string? Meter { get; init; }

    /// <summary>Forced <c>Q:</c> line value, e.g. "1/4=120".</summary>
    public string? Tempo { get; init; }

    /// <summary>A piece in NotaGen's format (header and interleaved body, with or without counters) to continue.</summary>
    public string? Continue { get; init; }

    /// <summary>With <see cref="Continue"/>: how many more bars to write.</summary>
    public int MoreBars { get; init; } = 8;

    /// <summary>
    /// Raw text to start from after the prompt lines, read as the generation encoder reads it (header lines, or body
    /// lines when they start with <c>[r:</c> or <c>[V:</c>; an unfinished last line is continued). For benchmarks and
    /// for resuming a stopped piece; <see cref="Continue"/> is the musical continuation control.
    /// </summary>
    public string? Prefix { get; init; }

    /// <summary>Labels for a model with learned style mechanisms (embeddings, adapters, attention bias); null = none / "other".</summary>
    public StyleRows? Style { get; init; }

    /// <summary>
    /// The request for <paramref name="prompt"/> as <paramref name="conditioning"/>'s model reads it: its prompt lines
    /// when the model reads them as text, its label rows when a learned mechanism reads them. The prompt is used as
    /// given; <see cref="ModelConditioning.Resolve"/> checks it against the model's catalog first where a front end wants that.
    /// </summary>
    public static PieceRequest For(ModelConditioning conditioning, StylePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(conditioning);
        ArgumentNullException.ThrowIfNull(prompt);
        return new() { PromptLines = conditioning.PromptLinesOf(prompt), Style = conditioning.RowsOf(prompt) };
    }

    /// <summary>NotaGen's prompt lines alone, for a model that reads them and no labels (tests, benchmarks).</summary>
    public static PieceRequest ForStyle(StylePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return new() { PromptLines = prompt.Lines };
    }

    /// <summary>The forced header lines, in the order xml2abc writes them (Q, M, K), keyed by their field letter.</summary>
    public IReadOnlyList<(string Field, string Line)> ForcedHeaderLines()
    {
        var lines = new List<(string, string)>();
        if (Tempo is not null)
            lines.Add(("Q:", "Q:" + Tempo));
        if (Meter is not null)
            lines.Add(("M:", "M:" + Meter));
        if (Key is not null)
            lines.Add(("K:", "K:" + Key));
        return lines;
    }

    public void Validate()
    {
        if (Bars is < 1)
            throw new ArgumentOutOfRangeException(nameof(Bars), Bars, "the number of bars must be at least 1");
        if (Continue is not null && MoreBars < 1)
            throw new ArgumentOutOfRangeException(nameof(MoreBars), MoreBars, "a continuation needs at least 1 more bar");
        if (Prefix is not null && Continue is not null)
            throw new ArgumentException("give either a raw prefix or a piece to continue, not both");
        if (Continue is not null && (Bars is not null || Key is not null || Meter is not null || Tempo is not null))
            throw new ArgumentException("a continuation takes its header from the given piece: use MoreBars, not Bars/Key/Meter/Tempo");
        foreach (var line in PromptLines.Concat([Key, Meter, Tempo]).OfType<string>())
        {
            if (line.Contains('\n'))
                throw new ArgumentException($"prompt and header values are single lines: '{line}'");
        }
    }
}
