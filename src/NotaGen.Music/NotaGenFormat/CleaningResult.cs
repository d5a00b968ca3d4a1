namespace NotaGen.Music.NotaGenFormat;

/// <summary>The cleaned text of a tune, or why NotaGen's pipeline would reject it.</summary>
public sealed record CleaningResult(string? Text, string? Rejection)
{
    public bool IsRejected => Rejection is not null;

    public static CleaningResult Accepted(string text) => new(text, null);

    public static CleaningResult Rejected(string reason) => new(null, reason);
}
