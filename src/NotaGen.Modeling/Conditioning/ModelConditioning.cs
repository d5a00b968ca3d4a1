using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Modeling.Conditioning;

/// <summary>
/// How one model reads a style, said once from its config: whether it reads NotaGen's prompt lines as text, whether any
/// learned mechanism (style embeddings, adapters, attention bias) reads label rows, and which prompts it was trained
/// on (its <see cref="PromptCatalog"/>, when the model directory has one). Front ends ask this type, not the switches.
/// </summary>
public sealed class ModelConditioning(NotaGenConfig config, PromptCatalog? catalog = null)
{
    /// <summary>The model's <c>prompts.tsv</c>, or null when its directory has none (prompts are then not checked).</summary>
    public PromptCatalog? Catalog { get; } = catalog;

    /// <summary>The model reads the prompt as text (its <c>%</c> lines).</summary>
    public bool ReadsPromptLines => config.Style.PromptLines;

    /// <summary>Some learned mechanism (embeddings, adapters, attention bias) reads the style as label rows.</summary>
    public bool UsesLabels => config.Style.UsesLabels;

    /// <summary>The style vocabulary when some mechanism reads labels; null when none does.</summary>
    public StyleVocabulary? Vocabulary => UsesLabels ? config.Styles : null;

    /// <summary>The conditioning of a model directory: its config and, when present, its <c>prompts.tsv</c>.</summary>
    public static ModelConditioning Load(string modelDirectory, NotaGenConfig config)
    {
        var path = Path.Combine(modelDirectory, PromptCatalog.FileName);
        return new ModelConditioning(config, File.Exists(path) ? PromptCatalog.Load(path) : null);
    }

    /// <summary>
    /// The prompt as the model knows it (letter case and spaces as in its catalog); a prompt it was not trained on throws
    /// <see cref="UnknownPromptException"/> naming the nearest ones. Without a catalog the prompt is returned as given.
    /// </summary>
    public StylePrompt Resolve(StylePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Catalog?.Resolve(prompt) ?? prompt;
    }

    /// <summary>The prompt lines to write before the piece: the prompt's known axes, or none for a model that does not read them.</summary>
    public IReadOnlyList<string> PromptLinesOf(StylePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return ReadsPromptLines ? prompt.Lines : [];
    }

    /// <summary>The label rows for the learned mechanisms (unknown values → "other"), or null when no mechanism reads them.</summary>
    public StyleRows? RowsOf(StylePrompt? prompt) =>
        Vocabulary?.Resolve(prompt);
}
