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
    public string ToText() => PromptLines.Write(Lines);

    /// <summary>
    /// The prompt as one text, <c>Period/Composer/Instrumentation</c> (an unknown axis empty): the form a prompt is given
    /// on the command line, and the prompt's key in ablation seeds and result rows, evaluated samples and the style
    /// model's per-prompt centroids.
    /// </summary>
    public string ToSlashText() => $"{Period}/{Composer}/{Instrumentation}";

    /// <summary>
    /// Reads <c>Period/Composer/Instrumentation</c> (or the three parted by <paramref name="separator"/>), each part
    /// trimmed; null unless there are exactly three parts and none is blank.
    /// </summary>
    public static StylePrompt? TryParse(string text, char separator = '/')
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(separator);
        if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
            return null;
        return new StylePrompt(parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
    }

    public override string ToString() => string.Join(" / ", Lines);
}
