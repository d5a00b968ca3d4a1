using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Evaluation.Style;

/// <summary>One axis's answer for a piece: the most probable label and every label's probability.</summary>
public sealed record AxisPrediction(string Label, IReadOnlyDictionary<string, double> Probabilities);

/// <summary>
/// The style classifiers: features standardised with the training split's mean and SD, one classifier per axis
/// (period, instrumentation, composer; a logistic regression, or gradient-boosted trees for period and instrumentation;
/// a composer needs <see cref="StyleTrainingOptions.MinComposerPieces"/> training pieces to be a class), and the mean standardised feature vector of every prompt (period, composer,
/// instrumentation) for the style score.
/// </summary>
public sealed class StyleModel
{
    internal StyleModel(double[] mean, double[] scale, Dictionary<string, IStyleAxisClassifier> axes, Dictionary<string, double[]> prompts, StyleFeatureSource features,
        IReadOnlyDictionary<string, double>? temperatures = null, IReadOnlyDictionary<string, HeldOutAccuracy>? heldOut = null)
    {
        Features = features;
        Temperatures = temperatures ?? new Dictionary<string, double>(StringComparer.Ordinal);
        HeldOut = heldOut ?? new Dictionary<string, HeldOutAccuracy>(StringComparer.Ordinal);
        Mean = mean;
        Scale = scale;
        Axes = axes;
        Prompts = prompts;
    }

    /// <summary>Which features the classifiers read: the handcrafted statistics, or a model's hidden states.</summary>
    public StyleFeatureSource Features { get; }

    public double[] Mean { get; }

    public double[] Scale { get; }

    /// <summary>The classifier of each axis: a <see cref="LogisticRegression"/> or <see cref="GradientBoostedTrees"/>.</summary>
    public IReadOnlyDictionary<string, IStyleAxisClassifier> Axes { get; }

    /// <summary>
    /// Temperature per axis: probabilities are softmax(scores / T), T fitted on held-out predictions of a grouped
    /// cross-validation (<see cref="StyleCrossValidation"/>); an axis not named has T = 1.
    /// </summary>
    public IReadOnlyDictionary<string, double> Temperatures { get; }

    /// <summary>Accuracy per axis of a grouped cross-validation of this recipe (empty when none was run), kept with the classifiers so that they can say how far to trust them.</summary>
    public IReadOnlyDictionary<string, HeldOutAccuracy> HeldOut { get; }

    /// <summary>The same classifiers with these temperatures.</summary>
    public StyleModel WithTemperatures(IReadOnlyDictionary<string, double> temperatures)
    {
        ArgumentNullException.ThrowIfNull(temperatures);
        return new StyleModel(Mean, Scale, new(Axes, StringComparer.Ordinal), new(Prompts, StringComparer.Ordinal), Features,
            new Dictionary<string, double>(temperatures, StringComparer.Ordinal), HeldOut);
    }

    /// <summary>
    /// The same classifiers with the temperatures and held-out accuracies of a grouped cross-validation of their recipe
    /// (<see cref="StyleCrossValidation.Run"/> with <paramref name="grouping"/>).
    /// </summary>
    public StyleModel WithValidation(IReadOnlyList<AxisCrossValidation> validation, StyleGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return new StyleModel(Mean, Scale, new(Axes, StringComparer.Ordinal), new(Prompts, StringComparer.Ordinal), Features,
            validation.ToDictionary(v => v.Axis, v => v.Temperature, StringComparer.Ordinal),
            validation.ToDictionary(v => v.Axis, v => new HeldOutAccuracy(grouping.ToString().ToLowerInvariant(), v.Report.Correct, v.Report.Total), StringComparer.Ordinal));
    }

    /// <summary>Mean standardised features per prompt, keyed by its <see cref="StylePrompt.ToSlashText"/>.</summary>
    public IReadOnlyDictionary<string, double[]> Prompts { get; }

    /// <param name="training">Labelled feature vectors, all of one family.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="features">The family the vectors come from (default: the handcrafted <see cref="StyleFeatures"/>).</param>
    /// <param name="learner">The classifier of the axes the grouped cross-validation compares learners on
    /// (<see cref="StyleCrossValidation.Axes"/>: period and instrumentation). Composer stays a logistic regression:
    /// no held-out figure says trees are better there, and with one tree per composer class per round they would cost
    /// minutes more.</param>
    /// <param name="boosting">Settings of <see cref="StyleLearner.Trees"/> (default: <see cref="BoostingOptions"/>' defaults, seed 0).</param>
    /// <param name="cancellation">Checked between the learners' steps (throws <see cref="OperationCanceledException"/>).</param>
    public static StyleModel Train(IReadOnlyList<LabelledFeatures> training, StyleTrainingOptions? options = null, StyleFeatureSource? features = null,
        StyleLearner learner = StyleLearner.Logistic, BoostingOptions? boosting = null, CancellationToken cancellation = default)
    {
        features ??= StyleFeatureSource.Handcrafted;
        ArgumentNullException.ThrowIfNull(training);
        options ??= new StyleTrainingOptions();
        if (training.Count == 0) throw new ArgumentException("no training pieces with style features", nameof(training));
        var width = training[0].Features.Length;
        var (mean, scale) = FeatureScaling.Fit(training.Select(t => t.Features).ToList());
        var standard = training.Select(t => Standardise(t.Features, mean, scale)).ToList();
        var axes = new Dictionary<string, IStyleAxisClassifier>(StringComparer.Ordinal);
        foreach (var axis in StyleAxes.All)
        {
            var counts = training.Select(t => StyleAxes.Of(t.Labels, axis)).OfType<string>().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
            var minimum = axis == StyleAxes.Composer ? options.MinComposerPieces : options.MinClassPieces;
            var rows = Enumerable.Range(0, training.Count)
                .Where(i => StyleAxes.Of(training[i].Labels, axis) is { } label && counts[label] >= minimum)
                .ToList();
            if (rows.Count == 0) continue; // one class is kept: it is then always predicted, with probability 1
            var labels = rows.Select(i => StyleAxes.Of(training[i].Labels, axis)!).ToList();
            var inputs = rows.Select(i => standard[i]).ToList();
            var weights = options.Balanced ? LogisticRegression.BalancedWeights(labels) : null;
            // Composer stays logistic: the cross-validation compares learners on period and instrumentation only.
            var axisLearner = StyleCrossValidation.Axes.Contains(axis) ? learner : StyleLearner.Logistic;
            axes[axis] = axisLearner.Train(inputs, labels, weights, options, boosting ?? new BoostingOptions(), cancellation);
        }
        var prompts = Enumerable.Range(0, training.Count)
            .GroupBy(i => training[i].Labels.ToSlashText(), StringComparer.Ordinal)
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
            var p = Calibration.Softmax(a.Value.Scores(x), Temperatures.GetValueOrDefault(a.Key, 1));
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
        ArgumentNullException.ThrowIfNull(prompt);
        if (!Prompts.TryGetValue(prompt.ToSlashText(), out var centroid)) return double.NaN;
        return (1 + Structure.SelfSimilarity.Cosine(Standardise(features), centroid)) / 2;
    }

    /// <summary>Writes the classifiers as versioned JSON (<see cref="StyleModelFile"/>), atomically.</summary>
    public void Save(string path) => StyleModelFile.Write(this, path);

    /// <summary>Reads classifiers saved by <see cref="Save"/> (any format version up to the current one).</summary>
    /// <exception cref="NotaGen.Music.MusicFormatException">Not a style model, a newer format, or features of another version; the message names the file and what to do.</exception>
    public static StyleModel Load(string path) => StyleModelFile.Read(path);

    private static double[] Standardise(double[] features, double[] mean, double[] scale) => FeatureScaling.Apply(features, mean, scale);
}

/// <summary>Training settings of the style classifiers.</summary>
public sealed record StyleTrainingOptions
{
    public int Iterations { get; init; } = 300;
    public double LearningRate { get; init; } = 0.5;
    public double L2 { get; init; } = 1e-3;

    /// <summary>A period or instrumentation needs this many training pieces to be a class.</summary>
    public int MinClassPieces { get; init; } = 1;

    /// <summary>Weight pieces so that every class counts the same in the loss (see <see cref="LogisticRegression.BalancedWeights"/>).</summary>
    public bool Balanced { get; init; }

    /// <summary>Composers with fewer training pieces are not classes (they are still counted wrong on the test split).</summary>
    public int MinComposerPieces { get; init; } = 5;
}
