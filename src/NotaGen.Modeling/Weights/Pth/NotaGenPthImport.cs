using System.Text.RegularExpressions;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.IO;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// An official NotaGen checkpoint (or one saved by NotaGen's training scripts) as a workbench model: the
/// configuration inferred from tensor shapes (heads = hidden / 64, as NotaGen builds its GPT-2 configs), every tensor
/// checked by name and shape against the model that configuration builds, then copied in one tensor at a time.
/// NotaGen's state-dict names are the workbench's, so no key is renamed.
/// </summary>
public static partial class NotaGenPthImport
{
    private const string PatchEmbedding = "patch_level_decoder.patch_embedding.weight";
    private const string PatchPositions = "patch_level_decoder.base.wpe.weight";
    private const string CharEmbedding = "char_level_decoder.base.transformer.wte.weight";

    /// <summary>NotaGen's GPT-2 configs use heads of 64 dimensions.</summary>
    public const int HeadSize = 64;

    /// <summary>The configuration the checkpoint's shapes imply. Throws naming the key when it cannot be inferred.</summary>
    public static NotaGenConfig InferConfig(PthCheckpoint checkpoint)
    {
        var tensors = checkpoint.Tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        long[] Shape(string key, int rank) =>
            tensors.TryGetValue(key, out var t) && t.Shape.Length == rank
                ? t.Shape
                : throw new WeightFileException(checkpoint.Path, tensors.ContainsKey(key)
                    ? $"cannot infer the configuration: '{key}' has {tensors[key].Shape.Length} dimensions, expected {rank}"
                    : $"cannot infer the configuration: '{key}' is missing (not a NotaGen checkpoint?)");
        var embedding = Shape(PatchEmbedding, 2);     // [H, patch_size · vocabulary]
        var characters = Shape(CharEmbedding, 2);     // [vocabulary, H]
        var positions = Shape(PatchPositions, 2);     // [patch_length, H]
        var hidden = embedding[0];
        var vocabulary = characters[0];
        if (vocabulary <= 2 || embedding[1] % vocabulary != 0)
            throw new WeightFileException(checkpoint.Path,
                $"cannot infer the patch size: '{PatchEmbedding}' has {embedding[1]} inputs, not a multiple of the {vocabulary} characters of '{CharEmbedding}'");
        if (hidden % HeadSize != 0)
            throw new WeightFileException(checkpoint.Path,
                $"cannot infer the number of heads: '{PatchEmbedding}' gives hidden size {hidden}, not a multiple of NotaGen's head size {HeadSize}");
        var config = new NotaGenConfig
        {
            PatchSize = (int)(embedding[1] / vocabulary),
            PatchLength = (int)positions[0],
            HiddenSize = (int)hidden,
            PatchLayers = CountLayers(tensors.Keys, "patch_level_decoder.base.h."),
            CharLayers = CountLayers(tensors.Keys, "char_level_decoder.base.transformer.h."),
            Heads = (int)(hidden / HeadSize),
            VocabularySize = (int)vocabulary,
        };
        if (config.PatchLayers == 0 || config.CharLayers == 0)
            throw new WeightFileException(checkpoint.Path, "cannot infer the configuration: no 'patch_level_decoder.base.h.N.*' or 'char_level_decoder.base.transformer.h.N.*' layers");
        try
        {
            config.Validate();
        }
        catch (ArgumentException error)
        {
            throw new WeightFileException(checkpoint.Path, $"cannot infer the configuration: {error.Message}");
        }
        var json = config.ToJson();
        var preset = ModelPresets.Names.FirstOrDefault(n => (ModelPresets.Get(n) with { Preset = "custom" }).ToJson() == json);
        return preset is null ? config : config with { Preset = preset };
    }

    /// <summary>
    /// Where the file name's claims (NotaGen's <c>p_size_16_p_length_1024_p_layers_20_c_layers_6_h_size_1280</c>)
    /// disagree with the shapes: one line each. File names are not reliable, so this warns, never fails.
    /// </summary>
    public static IReadOnlyList<string> FileNameDisagreements(string fileName, NotaGenConfig config)
    {
        List<string> warnings = [];
        void Check(string claim, int actual, string what)
        {
            var match = Regex.Match(fileName, $@"(?:^|_){claim}_(\d+)");
            if (match.Success && int.TryParse(match.Groups[1].Value, out var claimed) && claimed != actual)
                warnings.Add($"the file name says {claim}_{claimed} but the tensors give {what} = {actual}");
        }
        Check("p_size", config.PatchSize, "patch size");
        Check("p_length", config.PatchLength, "patch length");
        Check("p_layers", config.PatchLayers, "patch layers");
        Check("c_layers", config.CharLayers, "character layers");
        Check("h_size", config.HiddenSize, "hidden size");
        return warnings;
    }

    /// <summary>
    /// Checks the checkpoint against the model <paramref name="config"/> builds: every tensor the model has must be
    /// there with its shape, nothing else may be (HF's <c>attn.bias</c>/<c>attn.masked_bias</c> buffers excepted), and
    /// <c>lm_head.weight</c> must equal the character embedding it is tied to. Returns the model's tensors in
    /// <c>named_parameters()</c> order. The model is laid out on the meta device: nothing is allocated.
    /// </summary>
    public static IReadOnlyList<(string Name, PthTensor Tensor)> Check(PthCheckpoint checkpoint, NotaGenConfig config)
    {
        var tensors = checkpoint.Tensors.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        List<(string Name, long[] Shape)> expected;
        using (var layout = NotaGenModel.Create(config, META))
            expected = layout.named_parameters().Select(p => (p.name, p.parameter.shape)).ToList();
        foreach (var (name, shape) in expected)
            CheckShape(checkpoint, tensors, name, shape);
        CheckShape(checkpoint, tensors, ModelDirectory.TiedHead, [config.VocabularySize, config.HiddenSize]);
        var known = expected.Select(p => p.Name).Append(ModelDirectory.TiedHead).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensors.Keys)
            if (!known.Contains(name) && !IsAttentionBuffer(name))
                throw new WeightFileException(checkpoint.Path, $"unexpected tensor '{name}': not part of a NotaGen model with {Describe(config)}");
        CheckTied(checkpoint, tensors[CharEmbedding], tensors[ModelDirectory.TiedHead]);
        return expected.Select(p => (p.Name, tensors[p.Name])).ToList();
    }

    /// <summary>
    /// Builds the model for <paramref name="config"/> and fills it from the checkpoint, one tensor at a time, after
    /// <see cref="Check"/> passed.
    /// </summary>
    public static NotaGenModel Load(PthCheckpoint checkpoint, NotaGenConfig config, Device? device = null)
    {
        var tensors = Check(checkpoint, config).ToDictionary(t => t.Name, t => t.Tensor, StringComparer.Ordinal);
        var model = NotaGenModel.Create(config, device);
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, parameter) in model.named_parameters())
            {
                using var scope = NewDisposeScope();
                parameter.copy_(tensor(checkpoint.ReadFloats(name, tensors[name]), parameter.shape));
            }
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the model directory <see cref="ModelDirectory.Load"/> reads (<c>config.json</c>, <c>model.safetensors</c>
    /// with the tied head as a copy, as <see cref="ModelDirectory.Save"/> writes them) straight from the checkpoint,
    /// tensor by tensor, widening fp16/bf16 as it goes: no model is built, so an import holds one tensor at a time
    /// rather than a second copy of the weights. Returns the number of parameters written.
    /// </summary>
    public static long WriteModelDirectory(PthCheckpoint checkpoint, NotaGenConfig config, string directory)
    {
        var tensors = Check(checkpoint, config);
        var head = tensors.Single(t => t.Name == CharEmbedding).Tensor;
        var streamed = tensors.Append((ModelDirectory.TiedHead, head))
            .Select(t => new SafeTensorsWriter.StreamedTensor(t.Item1, t.Item2.Shape, () => checkpoint.ReadFloats(t.Item1, t.Item2)))
            .ToList();
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ModelDirectory.ConfigFile), config.ToJson());
        SafeTensorsWriter.Write(Path.Combine(directory, ModelDirectory.WeightsFile), streamed, new Dictionary<string, string> { ["format"] = "pt" });
        return tensors.Sum(t => t.Tensor.ElementCount);
    }

    public static string Describe(NotaGenConfig config) =>
        $"hidden {config.HiddenSize}, {config.PatchLayers} patch layers, {config.CharLayers} character layers, " +
        $"{config.Heads} heads, patch length {config.PatchLength}, patch size {config.PatchSize}";

    /// <summary>HF GPT-2's causal-mask buffers, saved by older transformers versions; not weights.</summary>
    public static bool IsAttentionBuffer(string name) =>
        name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);

    private static void CheckShape(PthCheckpoint checkpoint, Dictionary<string, PthTensor> tensors, string name, long[] shape)
    {
        if (!tensors.TryGetValue(name, out var tensor))
            throw new WeightFileException(checkpoint.Path, $"tensor '{name}' (expected shape {SafeTensorsEntry.FormatShape(shape)}) is missing");
        if (!tensor.Shape.SequenceEqual(shape))
            throw new WeightFileException(checkpoint.Path,
                $"tensor '{name}' has shape {SafeTensorsEntry.FormatShape(tensor.Shape)}, expected {SafeTensorsEntry.FormatShape(shape)}");
        if (!tensor.Storage.DType.IsFloat)
            throw new WeightFileException(checkpoint.Path, $"tensor '{name}' is a {tensor.Storage.DType.StorageClass}, not floating point");
    }

    private static void CheckTied(PthCheckpoint checkpoint, PthTensor embedding, PthTensor head)
    {
        // torch.save writes a tied head as a second view of the embedding's storage; anything else is compared by value.
        if (embedding == head || (embedding.Storage == head.Storage && embedding.Offset == head.Offset
            && embedding.Shape.SequenceEqual(head.Shape) && embedding.Stride.SequenceEqual(head.Stride))) return;
        if (!checkpoint.ReadFloats(CharEmbedding, embedding).AsSpan().SequenceEqual(checkpoint.ReadFloats(ModelDirectory.TiedHead, head)))
            throw new WeightFileException(checkpoint.Path,
                $"tensor '{ModelDirectory.TiedHead}' differs from '{CharEmbedding}': NotaGen ties them, and an untied head is not supported");
    }

    private static int CountLayers(IEnumerable<string> keys, string prefix)
    {
        var layers = keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => LayerIndex().Match(k[prefix.Length..]))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
        return layers.Count == 0 ? 0 : layers.Max() + 1;
    }

    [GeneratedRegex(@"^(\d+)\.")]
    private static partial Regex LayerIndex();
}
