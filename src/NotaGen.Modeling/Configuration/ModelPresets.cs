namespace NotaGen.Modeling.Configuration;

/// <summary>
/// Named model sizes: NotaGen's three released shapes (reference d) and two small ones that train on a 2-core CPU
/// in minutes. Heads are H / 64 for NotaGen's shapes, as in the original.
/// </summary>
public static class ModelPresets
{
    public static IReadOnlyList<string> Names { get; } = ["tiny", "mini", "small", "medium", "large"];

    public static NotaGenConfig Get(string name) => name.ToLowerInvariant() switch
    {
        // 2 + 1 layers, H = 128: ~1M parameters, a training step on 16 × 256 patches in well under a second.
        "tiny" => new NotaGenConfig { Preset = "tiny", HiddenSize = 128, Heads = 2, PatchLayers = 2, CharLayers = 1, PatchLength = 256 },
        // 4 + 2 layers, H = 256: 5.4M parameters, 22 MB of float32 weights.
        "mini" => new NotaGenConfig { Preset = "mini", HiddenSize = 256, Heads = 4, PatchLayers = 4, CharLayers = 2, PatchLength = 512 },
        "small" => new NotaGenConfig { Preset = "small", HiddenSize = 768, Heads = 12, PatchLayers = 12, CharLayers = 3, PatchLength = 2048 },
        "medium" => new NotaGenConfig { Preset = "medium", HiddenSize = 1024, Heads = 16, PatchLayers = 16, CharLayers = 3, PatchLength = 2048 },
        "large" => new NotaGenConfig { Preset = "large", HiddenSize = 1280, Heads = 20, PatchLayers = 20, CharLayers = 6, PatchLength = 1024 },
        _ => throw new ArgumentException($"Unknown model preset '{name}'; known presets: {string.Join(", ", Names)}."),
    };
}
