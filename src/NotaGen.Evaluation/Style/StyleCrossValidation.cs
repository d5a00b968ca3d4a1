using NotaGen.Corpus.Labels;

namespace NotaGen.Evaluation.Style;

/// <summary>Settings of the grouped cross-validation of the style classifiers.</summary>
public sealed record CrossValidationOptions
{
    public int Folds { get; init; } = 5;

    public int Seed { get; init; }

    public StyleGrouping Grouping { get; init; } = StyleGrouping.Work;

    /// <summary>
    /// The classifiers' settings (those of the default classifiers unless set). A label needs
    /// <see cref="StyleTrainingOptions.MinClassPieces"/> pieces in the whole table to be a class; pieces with rarer labels
    /// are left out of that axis and counted.
    /// </summary>
    public StyleTrainingOptions Training { get; init; } = DefaultStyleClassifier.Training;

    public int Jobs { get; init; } = 1;

    /// <summary>The classifier trained per fold and axis: logistic regression, or boosted trees (the default classifiers' period and instrumentation learner).</summary>
    public StyleLearner Learner { get; init; } = StyleLearner.Logistic;

    /// <summary>Settings of <see cref="StyleLearner.Trees"/> (its seed is <see cref="Seed"/> plus the fold).</summary>
    public BoostingOptions Boosting { get; init; } = new();

    /// <summary>Leave out the handcrafted features that mark a source's encoding rather than a style (<see cref="EncodingHabitFeatures"/>).</summary>
    public bool DropEncodingHabits { get; init; }

    /// <summary>Weight each training piece by 1/√(its composer's training pieces) (<see cref="ComposerWeights"/>), times the class balance when that is on.</summary>
    public bool ComposerWeighted { get; init; }

    /// <summary>
    /// Leave out the scores the index marks as exercises (<see cref="LabelRow.IsExercise"/>): in the shared corpus,
    /// 176 When-in-Rome harmony-textbook examples (Reger, Rimsky-Korsakov, Tchaikovsky, Kostka, Aldwell) labelled
    /// Romantic after their authors but written in four-part chorale style. The corpus gives them no prompt label for the
    /// same reason. A data flag, not a label, so leaving them out looks at no held-out label.
    /// </summary>
    public bool ExcludeExercises { get; init; }
}

/// <summary>Which classifier the cross-validation trains on the standardised features.</summary>
public enum StyleLearner
{
    /// <summary><see cref="LogisticRegression"/>, the default classifiers' composer learner.</summary>
    Logistic,

    /// <summary><see cref="GradientBoostedTrees"/>: non-linear, seeded; the default classifiers' period and instrumentation learner.</summary>
    Trees,
}

public static class StyleLearners
{
    /// <summary>One axis's classifier, trained by <paramref name="learner"/> on standardised features.</summary>
    public static IStyleAxisClassifier Train(this StyleLearner learner, IReadOnlyList<double[]> inputs, IReadOnlyList<string> labels,
        IReadOnlyList<double>? weights, StyleTrainingOptions training, BoostingOptions boosting, CancellationToken cancellation = default) => learner == StyleLearner.Trees
            ? GradientBoostedTrees.Train(inputs, labels, boosting, weights, cancellation)
            : LogisticRegression.Train(inputs, labels, training.Iterations, training.LearningRate, training.L2, weights, cancellation);
}

/// <summary>One held-out prediction: the piece, its group and fold, the truth, the prediction and its confidence before and after temperature scaling.</summary>
public sealed record HeldOutPrediction(string Path, string Group, int Fold, string Truth, string Predicted, double Confidence, double ScaledConfidence);

/// <summary>One axis's grouped cross-validation: every piece predicted by classifiers that never saw its group.</summary>
public sealed record AxisCrossValidation(
    string Axis,
    ClassificationReport Report,
    IReadOnlyList<ReliabilityBin> Reliability,
    double ExpectedCalibrationError,
    IReadOnlyList<ReliabilityBin> ScaledReliability,
    double ScaledExpectedCalibrationError,
    double Temperature,
    IReadOnlyList<string> LeftOutLabels,
    int LeftOutPieces,
    IReadOnlyList<HeldOutPrediction> Predictions);

/// <summary>
/// Grouped k-fold cross-validation of the style classifiers (period and instrumentation) on handcrafted features: the
/// groups (<see cref="StyleGrouping"/>) go to folds whole (<see cref="GroupedFolds"/>, seeded); for each fold the
/// features are standardised with the other folds' mean and SD and one classifier per axis (<see cref="StyleLearner"/>) is trained on
/// them. The held-out predictions give the per-class table, the confusion table and the reliability diagram; the
/// temperature of each fold's predictions is fitted on the other folds' held-out predictions only (so the scaled
/// calibration is itself held out), and <see cref="AxisCrossValidation.Temperature"/> is the one fitted on all of them,
/// for a classifier trained on everything.
/// </summary>
public static class StyleCrossValidation
{
    public static readonly string[] Axes = [StyleAxes.Period, StyleAxes.Instrumentation];

    private const double MissingClassScore = -1e9;

    /// <param name="progress">Told at the start (0 folds done: one fold can take minutes) and after every fold of every axis.</param>
    /// <param name="cancellation">Checked between folds and, within one, between the learner's steps (throws <see cref="OperationCanceledException"/>).</param>
    public static IReadOnlyList<AxisCrossValidation> Run(IReadOnlyList<ScoreFeatures> rows, CrossValidationOptions? options = null,
        IProgress<StyleProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new CrossValidationOptions();
        if (options.ExcludeExercises) rows = rows.Where(r => !r.Score.IsExercise).ToList();
        if (options.DropEncodingHabits) rows = rows.Select(r => r with { Features = EncodingHabitFeatures.Remove(r.Features) }).ToList();
        var groups = StyleGroups.Assign(rows.Select(r => r.Score).ToList(), options.Grouping);
        var folds = GroupedFolds.Assign(groups, options.Folds, options.Seed);
        var done = 0;
        progress?.Report(new StyleProgress("cross-validation", "folds", 0, Axes.Length * options.Folds));
        void FoldDone() => progress?.Report(new StyleProgress("cross-validation", "folds", Interlocked.Increment(ref done), Axes.Length * options.Folds));
        return Axes.Select(axis => RunAxis(rows, axis, groups, folds, options, FoldDone, cancellation)).ToList();
    }

    public static string? Label(LabelRow score, string axis) => axis switch
    {
        StyleAxes.Period => score.Period,
        StyleAxes.Instrumentation => score.Instrumentation,
        StyleAxes.Composer => score.Composer,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "the axes are period, instrumentation and composer"),
    };

    private static AxisCrossValidation RunAxis(IReadOnlyList<ScoreFeatures> rows, string axis, string[] groups, int[] folds, CrossValidationOptions options,
        Action foldDone, CancellationToken cancellation)
    {
        // A class needs enough pieces, and enough groups to be held out in one fold and learnt from the others:
        // Vocal-Orchestral, nearly all one mass, cannot be judged by a grouped split.
        var labelled = Enumerable.Range(0, rows.Count).Where(i => Label(rows[i].Score, axis) is not null).ToList();
        var isClass = labelled.GroupBy(i => Label(rows[i].Score, axis)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() >= options.Training.MinClassPieces && g.Select(i => groups[i]).Distinct(StringComparer.Ordinal).Count() >= options.Folds,
                StringComparer.Ordinal);
        var classes = isClass.Where(c => c.Value).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var leftOut = isClass.Where(c => !c.Value).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var used = labelled.Where(i => isClass[Label(rows[i].Score, axis)!]).ToList();
        var truth = used.Select(i => classes.IndexOf(Label(rows[i].Score, axis)!)).ToArray();
        var scores = new double[used.Count][];
        Parallel.For(0, options.Folds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellation }, fold =>
        {
            var test = Enumerable.Range(0, used.Count).Where(n => folds[used[n]] == fold).ToList();
            // Copies of a held-out work stay out of training (only a source split can put them on both sides).
            var heldOutWorks = test.Select(n => rows[used[n]].Score.DupGroup).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var train = Enumerable.Range(0, used.Count)
                .Where(n => folds[used[n]] != fold && (rows[used[n]].Score.DupGroup is not { } dup || !heldOutWorks.Contains(dup))).ToList();
            if (test.Count == 0)
            {
                foldDone();
                return;
            }
            var (mean, scale) = FeatureScaling.Fit(train.Select(n => rows[used[n]].Features).ToList());
            var inputs = train.Select(n => FeatureScaling.Apply(rows[used[n]].Features, mean, scale)).ToList();
            var labels = train.Select(n => classes[truth[n]]).ToList();
            var weights = Weights(train.Select(n => rows[used[n]].Score).ToList(), labels, options);
            var model = options.Learner.Train(inputs, labels, weights, options.Training, options.Boosting with { Seed = options.Seed + fold }, cancellation);
            var modelIndex = model.Classes.Select((c, k) => (c, k)).ToDictionary(t => t.c, t => t.k, StringComparer.Ordinal);
            foreach (var n in test)
            {
                // A class missing from this fold's training pieces gets no probability: a very low score.
                var own = model.Scores(FeatureScaling.Apply(rows[used[n]].Features, mean, scale));
                scores[n] = classes.Select(c => modelIndex.TryGetValue(c, out var k) ? own[k] : MissingClassScore).ToArray();
            }
            foldDone();
        });

        // A piece whose class its fold's training lacked has no finite score for the truth: it cannot inform a temperature.
        var fits = Enumerable.Range(0, used.Count).Where(n => scores[n][truth[n]] > MissingClassScore).ToList();
        var temperature = Calibration.FitTemperature(fits.Select(n => scores[n]).ToList(), fits.Select(n => truth[n]).ToList());
        var predictions = new HeldOutPrediction[used.Count];
        var foldTemperatures = Enumerable.Range(0, options.Folds).Select(fold =>
        {
            var others = fits.Where(m => folds[used[m]] != fold).ToList();
            return Calibration.FitTemperature(others.Select(m => scores[m]).ToList(), others.Select(m => truth[m]).ToList());
        }).ToArray();
        for (var n = 0; n < used.Count; n++)
        {
            var p = Calibration.Softmax(scores[n]);
            var best = Array.IndexOf(p, p.Max());
            var scaled = Calibration.Softmax(scores[n], foldTemperatures[folds[used[n]]]);
            predictions[n] = new HeldOutPrediction(rows[used[n]].Score.Path, groups[used[n]], folds[used[n]], classes[truth[n]], classes[best], p[best], scaled[best]);
        }
        var report = new ClassificationReport(classes, predictions.Select(p => p.Truth).ToList(), predictions.Select(p => p.Predicted).ToList());
        var correct = predictions.Select(p => p.Truth == p.Predicted).ToList();
        var reliability = Calibration.Reliability(predictions.Select(p => p.Confidence).ToList(), correct);
        var scaledReliability = Calibration.Reliability(predictions.Select(p => p.ScaledConfidence).ToList(), correct);
        return new AxisCrossValidation(axis, report, reliability, Calibration.ExpectedCalibrationError(reliability),
            scaledReliability, Calibration.ExpectedCalibrationError(scaledReliability), temperature, leftOut, rows.Count - used.Count, predictions);
    }

    /// <summary>The training pieces' weights: class-balanced, by composer, both (multiplied) or none (null).</summary>
    private static double[]? Weights(IReadOnlyList<LabelRow> scores, IReadOnlyList<string> labels, CrossValidationOptions options)
    {
        var byClass = options.Training.Balanced ? LogisticRegression.BalancedWeights(labels) : null;
        if (!options.ComposerWeighted) return byClass;
        var byComposer = ComposerWeights.Of(scores);
        return byClass is null ? byComposer : byComposer.Select((w, n) => w * byClass[n]).ToArray();
    }
}

/// <summary>Standardisation of feature vectors: each feature's mean and SD on the training pieces (SD 1 where a feature is constant).</summary>
public static class FeatureScaling
{
    public static (double[] Mean, double[] Scale) Fit(IReadOnlyList<double[]> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0) throw new ArgumentException("no training pieces with style features", nameof(training));
        var width = training[0].Length;
        var mean = new double[width];
        var scale = new double[width];
        for (var j = 0; j < width; j++)
        {
            mean[j] = training.Average(t => t[j]);
            var sd = Math.Sqrt(training.Average(t => (t[j] - mean[j]) * (t[j] - mean[j])));
            scale[j] = sd > 1e-12 ? sd : 1;
        }
        return (mean, scale);
    }

    public static double[] Apply(double[] features, double[] mean, double[] scale)
    {
        ArgumentNullException.ThrowIfNull(features);
        var x = new double[features.Length];
        for (var j = 0; j < x.Length; j++) x[j] = (features[j] - mean[j]) / scale[j];
        return x;
    }
}
