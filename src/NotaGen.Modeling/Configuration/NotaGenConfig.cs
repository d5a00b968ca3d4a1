using System.Text.Json;
using System.Text.Json.Serialization;
using NotaGen.Modeling.Style;

namespace NotaGen.Modeling.Configuration;

/// <summary>
/// The shape of a NotaGen model: NotaGen's hyper-parameters (reference d) plus the workbench's style-conditioning
/// switches and the style vocabulary. Serialised as <c>config.json</c> beside the weights.
/// </summary>
public sealed record NotaGenConfig
{
    /// <summary>Name of the preset this configuration came from, or "custom".</summary>
    public string Preset { get; init; } = "custom";

    /// <summary>Characters per patch (NotaGen: 16).</summary>
    public int PatchSize { get; init; } = 16;

    /// <summary>Context of the patch-level decoder, in patches (NotaGen: 2048 small/medium, 1024 large).</summary>
    public int PatchLength { get; init; } = 2048;

    public int HiddenSize { get; init; } = 768;

    public int PatchLayers { get; init; } = 12;

    public int CharLayers { get; init; } = 3;

    /// <summary>Attention heads at both levels; NotaGen uses H / 64.</summary>
    public int Heads { get; init; } = 12;

    /// <summary>Embedding, attention and residual dropout (GPT-2 default 0.1).</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Character vocabulary: 7-bit ASCII ids with PAD 0, BOS 1, EOS 2.</summary>
    public int VocabularySize { get; init; } = 128;

    public double LayerNormEpsilon { get; init; } = 1e-5;

    /// <summary>Which style-conditioning mechanisms the model has (all off = NotaGen exactly).</summary>
    public StyleConditioning Style { get; init; } = new();

    /// <summary>The style values the style tables and adapters are indexed by.</summary>
    public StyleVocabulary Styles { get; init; } = StyleVocabulary.Empty;

    /// <summary>Positions of the character-level decoder: the patch state plus one per character.</summary>
    [JsonIgnore]
    public int CharPositions => PatchSize + 1;

    [JsonIgnore]
    public int HeadSize => HiddenSize / Heads;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public NotaGenConfig Validate()
    {
        static void Require(bool ok, string problem)
        {
            if (!ok) throw new ArgumentException($"Invalid model configuration: {problem}");
        }
        Require(PatchSize > 0, $"patch_size must be positive, got {PatchSize}");
        Require(PatchLength > 1, $"patch_length must be at least 2, got {PatchLength}");
        Require(HiddenSize > 0 && Heads > 0 && HiddenSize % Heads == 0,
            $"hidden_size ({HiddenSize}) must be a positive multiple of heads ({Heads})");
        Require(PatchLayers > 0 && CharLayers > 0, "patch_layers and char_layers must be positive");
        Require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1), got {Dropout}");
        Require(VocabularySize > 2, $"vocabulary_size must exceed the 3 special ids, got {VocabularySize}");
        if (Style.Adapters)
        {
            Require(Style.AdapterRank > 0, $"adapter_rank must be positive, got {Style.AdapterRank}");
            foreach (var layer in Style.AdapterLayers ?? [])
                Require(layer >= 0 && layer < PatchLayers, $"adapter layer {layer} is outside 0..{PatchLayers - 1}");
        }
        return this;
    }

    /// <summary>True when patch layer <paramref name="layer"/> carries style adapters.</summary>
    public bool HasAdapters(int layer) =>
        Style.Adapters && (Style.AdapterLayers is null || Style.AdapterLayers.Contains(layer));

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static NotaGenConfig FromJson(string json) =>
        (JsonSerializer.Deserialize<NotaGenConfig>(json, JsonOptions)
         ?? throw new ArgumentException("config.json is empty")).Validate();
}
