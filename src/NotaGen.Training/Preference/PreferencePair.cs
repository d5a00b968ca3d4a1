using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Training.Preference;

/// <summary>
/// One DPO pair for a prompt: a chosen and a rejected piece, both in the text form the model generates (prompt lines,
/// header, interleaved rest-reduced body; <c>[r:]</c> counters may be present, the encoder re-derives them). A
/// preference set is JSON Lines of these.
/// </summary>
public sealed record PreferencePair
{
    public string? Prompt { get; init; }

    public StylePrompt? Labels { get; init; }

    public required string Chosen { get; init; }

    public required string Rejected { get; init; }

    /// <summary>
    /// The decoding constraint both pieces were sampled under (<c>none</c>, <c>syntax</c> or <c>structure</c>); null in
    /// sets written before it was recorded (they were sampled without one).
    /// </summary>
    public string? Constraint { get; init; }
}
