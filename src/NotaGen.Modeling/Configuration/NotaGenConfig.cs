using System.Text.Json;
using System.Text.Json.Serialization;

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

    // Ranges config.json must keep to (NotaGen-X: patch_size 16, patch_length 1024, hidden_size 1280, 20 layers).
    public const int MaxPatchSize = 1024;
    public const int MaxPatchLength = 1 << 20;
    public const int MaxHiddenSize = 16_384;
    public const int MaxLayers = 256;
    public const int MaxVocabularySize = 65_536;

    /// <summary>Four billion parameters, 16 GB of float32: eight times NotaGen-X.</summary>
    public const long MaxParameters = 4_000_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field or the first value out of range.</summary>
    public NotaGenConfig Validate()
    {
        static void Require(bool ok, string problem)
        {
            if (!ok) throw new ArgumentException($"Invalid model configuration: {problem}");
        }
        Require(PatchSize is > 0 and <= MaxPatchSize, $"patch_size must be in 1..{MaxPatchSize}, got {PatchSize}");
        Require(PatchLength is > 1 and <= MaxPatchLength, $"patch_length must be in 2..{MaxPatchLength}, got {PatchLength}");
        Require(HiddenSize is > 0 and <= MaxHiddenSize && Heads > 0 && HiddenSize % Heads == 0,
            $"hidden_size ({HiddenSize}) must be a positive multiple of heads ({Heads}), at most {MaxHiddenSize}");
        Require(PatchLayers is > 0 and <= MaxLayers && CharLayers is > 0 and <= MaxLayers, $"patch_layers and char_layers must be in 1..{MaxLayers}");
        Require(Dropout is >= 0 and < 1, $"dropout must be in [0, 1), got {Dropout}");
        Require(VocabularySize is > 2 and <= MaxVocabularySize, $"vocabulary_size must exceed the 3 special ids and be at most {MaxVocabularySize}, got {VocabularySize}");
        if (Style.Adapters)
        {
            Require(Style.AdapterRank is > 0 and <= MaxHiddenSize, $"adapter_rank must be in 1..{MaxHiddenSize}, got {Style.AdapterRank}");
            foreach (var layer in Style.AdapterLayers ?? [])
                Require(layer >= 0 && layer < PatchLayers, $"adapter layer {layer} is outside 0..{PatchLayers - 1}");
        }
        // Checked before anything is allocated: a configuration that passes every field above may still ask for a
        // model no machine holds, which libtorch would answer with an ExternalException after gigabytes.
        var parameters = ParameterCount.Of(this).Total;
        Require(parameters <= MaxParameters, $"the model would have {parameters} parameters, more than the limit of {MaxParameters}");
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
