using System.Text.Json;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Style;

/// <summary>One axis's answer for a piece: the most probable label and every label's probability.</summary>
public sealed record AxisPrediction(string Label, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>
/// The style classifiers: features standardised with the training split's mean and SD, one logistic regression per
/// axis (period, instrumentation, composer; a composer needs <see cref="StyleTrainingOptions.MinComposerPieces"/>
/// training pieces to be a class), and the mean standardised feature vector of every prompt (period, composer,
/// instrumentation) for the style score.
/// </summary>
public sealed class StyleModel
{
    private StyleModel(double[] mean, double[] scale, Dictionary<string, LogisticRegression> axes, Dictionary<string, double[]> prompts, StyleFeatureSource features)
    {
        Features = features;
        Mean = mean;
        Scale = scale;
        Axes = axes;
        Prompts = prompts;
    }

    /// <summary>Which features the classifiers read: the handcrafted statistics, or a model's hidden states.</summary>
    public StyleFeatureSource Features { get; }

    public double[] Mean { get; }

    public double[] Scale { get; }

    public IReadOnlyDictionary<string, LogisticRegression> Axes { get; }

    /// <summary>Mean standardised features per prompt key (<see cref="PromptKey"/>).</summary>
    public IReadOnlyDictionary<string, double[]> Prompts { get; }

    public static string PromptKey(StylePrompt labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return $"{labels.Period}/{labels.Composer}/{labels.Instrumentation}";
    }

    /// <param name="training">Labelled feature vectors, all of one family.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="features">The family the vectors come from (default: the handcrafted <see cref="StyleFeatures"/>).</param>
    public static StyleModel Train(IReadOnlyList<LabelledFeatures> training, StyleTrainingOptions? options = null, StyleFeatureSource? features = null)
    {
        features ??= StyleFeatureSource.Handcrafted;
        ArgumentNullException.ThrowIfNull(training);
        options ??= new StyleTrainingOptions();
        if (training.Count == 0) throw new ArgumentException("no training pieces with style features", nameof(training));
        var width = training[0].Features.Length;
        var mean = new double[width];
        var scale = new double[width];
        for (var j = 0; j < width; j++)
        {
            mean[j] = training.Average(t => t.Features[j]);
            var sd = Math.Sqrt(training.Average(t => (t.Features[j] - mean[j]) * (t.Features[j] - mean[j])));
            scale[j] = sd > 1e-12 ? sd : 1;
        }
        var standard = training.Select(t => Standardise(t.Features, mean, scale)).ToList();
        var axes = new Dictionary<string, LogisticRegression>(StringComparer.Ordinal);
        foreach (var axis in StyleAxes.All)
        {
            var counts = training.Select(t => StyleAxes.Of(t.Labels, axis)).OfType<string>().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
            var minimum = axis == StyleAxes.Composer ? options.MinComposerPieces : 1;
            var rows = Enumerable.Range(0, training.Count)
                .Where(i => StyleAxes.Of(training[i].Labels, axis) is { } label && counts[label] >= minimum)
                .ToList();
            if (rows.Count == 0) continue; // one class is kept: it is then always predicted, with probability 1
            axes[axis] = LogisticRegression.Train(rows.Select(i => standard[i]).ToList(), rows.Select(i => StyleAxes.Of(training[i].Labels, axis)!).ToList(),
                options.Iterations, options.LearningRate, options.L2);
        }
        var prompts = Enumerable.Range(0, training.Count)
            .GroupBy(i => PromptKey(training[i].Labels), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Enumerable.Range(0, width).Select(j => g.Average(i => standard[i][j])).ToArray(), StringComparer.Ordinal);
        return new StyleModel(mean, scale, axes, prompts, features);
    }

    public double[] Standardise(double[] features) => Standardise(features, Mean, Scale);

    public IReadOnlyDictionary<string, AxisPrediction> Classify(double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != Mean.Length)
            throw new ArgumentException($"these style classifiers read {Mean.Length} {Features.Family} features, not {features.Length}", nameof(features));
        var x = Standardise(features);
        return Axes.ToDictionary(a => a.Key, a =>
        {
            var p = a.Value.Probabilities(x);
            var best = Array.IndexOf(p, p.Max());
            return new AxisPrediction(a.Value.Classes[best], a.Value.Classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => p[t.i], StringComparer.Ordinal));
        }, StringComparer.Ordinal);
    }

    /// <summary>Mean over the prompt's known axes of the probability the classifier gives the prompt's label (0 for a label it has no class for).</summary>
    public double LabelProbability(double[] features, StylePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var predictions = Classify(features);
        var values = StyleAxes.All
            .Where(axis => StyleAxes.Of(prompt, axis) is not null && predictions.ContainsKey(axis))
            .Select(axis => predictions[axis].Probabilities.GetValueOrDefault(StyleAxes.Of(prompt, axis)!, 0))
            .ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    /// <summary>
    /// The style score in [0, 1]: (1 + cos) / 2 of the standardised features and the prompt's mean. NaN when the
    /// training split has no piece with this prompt.
    /// </summary>
    public double StyleScore(double[] features, StylePrompt prompt)
    {
        if (!Prompts.TryGetValue(PromptKey(prompt), out var centroid)) return double.NaN;
        return (1 + Structure.SelfSimilarity.Cosine(Standardise(features), centroid)) / 2;
    }

    public void Save(string path)
    {
        var dto = new StyleModelFile(Mean, Scale,
            Axes.ToDictionary(a => a.Key, a => new AxisFile([.. a.Value.Classes], a.Value.Weights)),
            Prompts.ToDictionary(p => p.Key, p => p.Value), Features.Family, Features.Model);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(dto));
    }

    public static StyleModel Load(string path)
    {
        StyleModelFile? dto;
        try
        {
            dto = JsonSerializer.Deserialize<StyleModelFile>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new NotaGen.Music.MusicFormatException(path, $"{e.LineNumber + 1}:{e.BytePositionInLine + 1}", $"not a style model: {e.Message}", e);
        }
        // Files written before the model family existed have no family: they are handcrafted.
        var source = dto?.Family is null or StyleFeatureSource.HandcraftedFamily ? StyleFeatureSource.Handcrafted
            : dto.Family == StyleFeatureSource.ModelFamily && dto.FeatureModel is not null ? StyleFeatureSource.FromModel(dto.FeatureModel)
            : throw new NotaGen.Music.MusicFormatException(path, "1:1", $"unknown style feature family '{dto.Family}' (or a model family without its model)");
        if (dto is null || (source.Family == StyleFeatureSource.HandcraftedFamily && dto.Mean.Length != StyleFeatures.Length))
            throw new NotaGen.Music.MusicFormatException(path, "1:1", $"not a style model for {StyleFeatures.Length} features");
        return new StyleModel(dto.Mean, dto.Scale,
            dto.Axes.ToDictionary(a => a.Key, a => new LogisticRegression(a.Value.Classes, a.Value.Weights), StringComparer.Ordinal),
            new Dictionary<string, double[]>(dto.Prompts, StringComparer.Ordinal), source);
    }

    private static double[] Standardise(double[] features, double[] mean, double[] scale)
    {
        ArgumentNullException.ThrowIfNull(features);
        var x = new double[features.Length];
        for (var j = 0; j < x.Length; j++) x[j] = (features[j] - mean[j]) / scale[j];
        return x;
    }

    private sealed record AxisFile(string[] Classes, double[][] Weights);

    private sealed record StyleModelFile(double[] Mean, double[] Scale, Dictionary<string, AxisFile> Axes, Dictionary<string, double[]> Prompts,
        string? Family = null, string? FeatureModel = null);
}

/// <summary>Training settings of the style classifiers.</summary>
public sealed record StyleTrainingOptions
{
    public int Iterations { get; init; } = 300;
    public double LearningRate { get; init; } = 0.5;
    public double L2 { get; init; } = 1e-3;

    /// <summary>Composers with fewer training pieces are not classes (they are still counted wrong on the test split).</summary>
    public int MinComposerPieces { get; init; } = 5;
}
