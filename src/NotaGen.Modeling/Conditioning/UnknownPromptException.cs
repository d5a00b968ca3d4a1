using NotaGen.Music.NotaGenFormat;
namespace NotaGen.Modeling.Conditioning;

/// <summary>A style prompt the model was not trained on; the message names the nearest triples it knows.</summary>
public sealed class UnknownPromptException(StylePrompt prompt, IReadOnlyList<StylePrompt> nearest)
    : ArgumentException(Describe(prompt, nearest))
{
    public StylePrompt Prompt { get; } = prompt;

    public IReadOnlyList<StylePrompt> Nearest { get; } = nearest;

    private static string Describe(StylePrompt prompt, IReadOnlyList<StylePrompt> nearest) =>
        $"the model does not know the prompt {prompt}. Nearest prompts it knows:\n"
        + string.Concat(nearest.Select(p => $"  --period \"{p.Period}\" --composer \"{p.Composer}\" --instrumentation \"{p.Instrumentation}\"\n"))
        + "List them all with `notagen prompts`.";
}
