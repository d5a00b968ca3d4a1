using NotaGen.Modeling.Configuration;
using NotaGen.Music.IO;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights;

/// <summary>
/// A saved model: a directory with <c>config.json</c>, <c>model.safetensors</c> (everything but the adapters, under
/// NotaGen's state-dict names; the tied <c>char_level_decoder.base.lm_head.weight</c> written as a copy so a strict
/// PyTorch load works) and, when the model has style adapters, <c>adapters.safetensors</c>.
/// </summary>
/// <remarks>
/// Mapping official NotaGen checkpoints: every base tensor has the same name and shape as in NotaGen's
/// <c>state_dict</c> (GPT-2 Conv1D weights stay [in, out]; <c>patch_embedding.weight</c> is nn.Linear's [H, 2048]),
/// so a converted checkpoint needs only its tensors re-saved as safetensors; <c>attn.bias</c>/<c>attn.masked_bias</c>
/// buffers of older checkpoints are skipped on load.
/// </remarks>
public static class ModelDirectory
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string AdaptersFile = "adapters.safetensors";
    public const string TiedHead = "char_level_decoder.base.lm_head.weight";
    private const string TiedSource = "char_level_decoder.base.transformer.wte.weight";

    public static void Save(NotaGenModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), model.Config.ToJson());
        var baseTensors = model.named_parameters()
            .Where(p => !NotaGenModel.IsAdapter(p.name))
            .Select(p => (p.name, (Tensor)p.parameter))
            .ToList();
        baseTensors.Add((TiedHead, baseTensors.Single(p => p.name == TiedSource).Item2));
        SafeTensorsWriter.Write(Path.Combine(directory, WeightsFile), baseTensors, new Dictionary<string, string> { ["format"] = "pt" });
        if (model.Config.Style.Adapters) SaveAdapters(model, Path.Combine(directory, AdaptersFile));
    }

    /// <summary>Loads a saved model onto <paramref name="device"/> (default CPU).</summary>
    public static NotaGenModel Load(string directory, Device? device = null)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath)) throw new WeightFileException(configPath, "no config.json: not a saved model directory");
        NotaGenConfig config;
        try
        {
            config = NotaGenConfig.FromJson(File.ReadAllText(configPath));
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or ArgumentException or NotSupportedException)
        {
            throw new WeightFileException(configPath, $"invalid configuration: {error.Message}");
        }
        RefuseOversizedConfig(configPath, config, Path.Combine(directory, WeightsFile));
        var model = NotaGenModel.Create(config, device);
        try
        {
            LoadInto(model, Path.Combine(directory, WeightsFile), adapters: false);
            if (config.Style.Adapters) LoadAdapters(model, Path.Combine(directory, AdaptersFile));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    /// <summary>
    /// A configuration asking for far more values than the weight file holds (a damaged <c>config.json</c>:
    /// <c>patch_length: 1000000</c>) is refused before the model is allocated, so loading never takes much more memory
    /// than the weights' size. Smaller disagreements are found tensor by tensor, by name, after allocation.
    /// </summary>
    private static void RefuseOversizedConfig(string configPath, NotaGenConfig config, string weightsPath)
    {
        using var reader = SafeTensorsReader.Open(weightsPath);
        var held = reader.Entries.Values.Sum(e => e.ElementCount);
        var counts = ParameterCount.Of(config);
        var needed = counts.Total - counts.StyleAdapters;
        if (needed > 2 * held + (1 << 20))
            throw new WeightFileException(configPath,
                $"the configuration describes {needed} parameters outside the adapters but {WeightsFile} holds {held} values: they do not belong together");
    }

    /// <summary>Writes only the style adapters (keys containing <c>.adapter.</c>).</summary>
    public static void SaveAdapters(NotaGenModel model, string path) =>
        SafeTensorsWriter.Write(path, model.AdapterParameters().Select(p => (p.Name, (Tensor)p.Parameter)),
            new Dictionary<string, string> { ["format"] = "pt", ["content"] = "notagen-style-adapters" });

    /// <summary>Replaces the model's style adapters with those of a file saved by <see cref="SaveAdapters"/>.</summary>
    public static void LoadAdapters(NotaGenModel model, string path) => LoadInto(model, path, adapters: true);

    private static void LoadInto(NotaGenModel model, string path, bool adapters)
    {
        var expected = model.named_parameters().Where(p => NotaGenModel.IsAdapter(p.name) == adapters).ToList();
        using var reader = SafeTensorsReader.Open(path);
        foreach (var (name, parameter) in expected)
        {
            var shape = SafeTensorsEntry.FormatShape(parameter.shape);
            if (!reader.Entries.TryGetValue(name, out var entry))
                throw new WeightFileException(path, $"tensor '{name}' (expected shape {shape}) is missing");
            if (!entry.Shape.SequenceEqual(parameter.shape))
                throw new WeightFileException(path, $"tensor '{name}' has shape {SafeTensorsEntry.FormatShape(entry.Shape)}, expected {shape}");
        }
        var known = expected.Select(p => p.name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in reader.Entries.Keys)
            if (!known.Contains(name) && !Ignorable(name, adapters))
                throw new WeightFileException(path, $"unexpected tensor '{name}': the file was saved from a differently configured model");

        using var noGrad = no_grad();
        foreach (var (name, parameter) in expected)
        {
            using var scope = NewDisposeScope();
            var floats = reader.ReadFloats(reader.Entries[name]);
            // NaN or infinite weights would load silently and make the model write control characters.
            var bad = Array.FindIndex(floats, f => !float.IsFinite(f));
            if (bad >= 0)
                throw new WeightFileException(path, $"tensor '{name}' holds {floats[bad]} at element {bad}: the weights are damaged");
            var values = tensor(floats, parameter.shape);
            parameter.copy_(values);
        }
    }

    private static bool Ignorable(string name, bool adapters) =>
        !adapters && (name == TiedHead || name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal));

}
