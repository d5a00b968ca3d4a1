using System.Text.Json;
using System.Text.Json.Serialization;
using NotaGen.Music;
using NotaGen.Music.IO;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The saved form of <see cref="StyleModel"/>: JSON with a format <c>Version</c>. Version 1 (files without the field)
/// holds logistic regressions only and still loads; version 2 names each axis's learner (<c>logistic</c> with its
/// weights, <c>trees</c> with <see cref="BoostedTreesFile"/>) and keeps the held-out accuracies. A file of a newer
/// version, an unknown learner or damaged trees is refused with a message naming the file and what to do, never read
/// as something else.
/// </summary>
internal static class StyleModelFile
{
    public const int Version = 2;

    private const string Logistic = "logistic";
    private const string Trees = "trees";
    private const string Retrain = "delete it (a cached default classifier is trained again on next use) or train it again (classify --corpus ... --save)";

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void Write(StyleModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dto = new FileDto(Version, model.Mean, model.Scale,
            model.Axes.ToDictionary(a => a.Key, a => a.Value switch
            {
                LogisticRegression logistic => new AxisDto([.. logistic.Classes], logistic.Weights, Logistic),
                GradientBoostedTrees trees => new AxisDto([.. trees.Classes], null, Trees, trees.ToFile()),
                _ => throw new NotSupportedException($"a style classifier of type {a.Value.GetType().Name} cannot be saved"),
            }, StringComparer.Ordinal),
            model.Prompts.ToDictionary(p => p.Key, p => p.Value), model.Features.Family, model.Features.Model,
            model.Temperatures.Count == 0 ? null : model.Temperatures.ToDictionary(t => t.Key, t => t.Value),
            model.HeldOut.Count == 0 ? null : model.HeldOut.ToDictionary(h => h.Key, h => h.Value));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(dto, Options));
    }

    public static StyleModel Read(string path)
    {
        FileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new MusicFormatException(path, $"{e.LineNumber + 1}:{e.BytePositionInLine + 1}", $"not a style model: {e.Message}", e);
        }
        if (dto?.Mean is null || dto.Scale is null || dto.Axes is null || dto.Prompts is null)
            throw new MusicFormatException(path, "1:1", "not a style model (it needs Mean, Scale, Axes and Prompts)");
        var version = dto.Version ?? 1;
        if (version < 1 || version > Version)
            throw new MusicFormatException(path, "1:1", $"style model format version {version}; this build reads versions 1 to {Version}: {Retrain}");
        // Files written before the model family existed have no family: they are handcrafted.
        var source = dto.Family is null or StyleFeatureSource.HandcraftedFamily ? StyleFeatureSource.Handcrafted
            : dto.Family == StyleFeatureSource.ModelFamily && dto.FeatureModel is not null ? StyleFeatureSource.FromModel(dto.FeatureModel)
            : throw new MusicFormatException(path, "1:1", $"unknown style feature family '{dto.Family}' (or a model family without its model)");
        if (source.Family == StyleFeatureSource.HandcraftedFamily && dto.Mean.Length != StyleFeatures.Length)
            throw new MusicFormatException(path, "1:1",
                $"these style classifiers read {dto.Mean.Length} handcrafted features, this version computes {StyleFeatures.Length}: {Retrain}");
        if (dto.Scale.Length != dto.Mean.Length)
            throw new MusicFormatException(path, "1:1", $"not a style model: {dto.Mean.Length} means but {dto.Scale.Length} scales");
        var axes = new Dictionary<string, IStyleAxisClassifier>(StringComparer.Ordinal);
        foreach (var (axis, file) in dto.Axes)
        {
            // Version 1 had no learner field: every axis was a logistic regression.
            var learner = version == 1 ? Logistic : file.Learner;
            try
            {
                axes[axis] = learner switch
                {
                    Logistic when file.Classes is not null && file.Weights is not null => new LogisticRegression(file.Classes, file.Weights),
                    Trees when file.Classes is not null && file.Trees is not null => GradientBoostedTrees.FromFile(file.Classes, file.Trees, dto.Mean.Length),
                    Logistic or Trees => throw new FormatException($"a {learner} classifier needs Classes and {(learner == Trees ? "Trees" : "Weights")}"),
                    _ => throw new FormatException($"unknown learner '{learner}' (this build knows {Logistic} and {Trees})"),
                };
            }
            catch (FormatException e)
            {
                throw new MusicFormatException(path, "1:1", $"axis '{axis}': {e.Message}: {Retrain}", e);
            }
        }
        return new StyleModel(dto.Mean, dto.Scale, axes, new Dictionary<string, double[]>(dto.Prompts, StringComparer.Ordinal), source,
            dto.Temperatures is null ? null : new Dictionary<string, double>(dto.Temperatures, StringComparer.Ordinal),
            dto.HeldOut is null ? null : new Dictionary<string, HeldOutAccuracy>(dto.HeldOut, StringComparer.Ordinal));
    }

    private sealed record AxisDto(string[]? Classes, double[][]? Weights, string? Learner = null, BoostedTreesFile? Trees = null);

    private sealed record FileDto(int? Version, double[]? Mean, double[]? Scale, Dictionary<string, AxisDto>? Axes, Dictionary<string, double[]>? Prompts,
        string? Family = null, string? FeatureModel = null, Dictionary<string, double>? Temperatures = null, Dictionary<string, HeldOutAccuracy>? HeldOut = null);
}
