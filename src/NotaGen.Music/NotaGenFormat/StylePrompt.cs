using System.Text.Json.Serialization;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// NotaGen's style: a (period, composer, instrumentation) triple, the one type for a prompt given to a model and for a
/// corpus piece's labels. A prompt given to generate has all three; in a corpus any axis may be unknown (null).
/// Its text form is NotaGen's prompt lines (<see cref="NotaGenFormat.PromptLines"/>).
/// </summary>
public sealed record StylePrompt(string? Period, string? Composer, string? Instrumentation)
{
    /// <summary>NotaGen's prompt lines without their <c>%</c>: the known axes, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Lines => new[] { Period, Composer, Instrumentation }.OfType<string>().ToList();

    /// <summary>All three axes are known.</summary>
    [JsonIgnore]
    public bool IsComplete => Period is not null && Composer is not null && Instrumentation is not null;

    /// <summary>The prompt lines as they open a fine-tuning document, each with its <c>%</c> and a newline.</summary>
    public string ToText() => string.Concat(Lines.Select(line => $"%{line}\n"));

    public override string ToString() => string.Join(" / ", Lines);
}
