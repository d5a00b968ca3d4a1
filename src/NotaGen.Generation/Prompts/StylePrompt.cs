namespace NotaGen.Generation.Prompts;

/// <summary>A (period, composer, instrumentation) triple: NotaGen's style prompt.</summary>
public sealed record StylePrompt(string Period, string Composer, string Instrumentation)
{
    /// <summary>NotaGen's prompt lines, without their <c>%</c>.</summary>
    public IReadOnlyList<string> PromptLines => [Period, Composer, Instrumentation];

    public override string ToString() => $"{Period} / {Composer} / {Instrumentation}";
}
