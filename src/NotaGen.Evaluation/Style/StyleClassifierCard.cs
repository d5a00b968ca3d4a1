using System.Globalization;
using System.Text;
using NotaGen.Corpus.Labels;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The card of the default style classifiers (Markdown, written beside them): what they were trained on (the index,
/// labelled scores per class, sources and their licences), the learner and its settings, the held-out figures of the
/// grouped cross-validation they were calibrated with (per class, with the confusion tables), calibration, and what
/// they cannot judge, worked out from the training data (classes that come from one source, classes one composer
/// dominates, labels too rare to be classes). Everything is computed from the data and the cross-validation, so a
/// card always describes the classifiers beside it.
/// </summary>
public static class StyleClassifierCard
{
    /// <summary>A class whose pieces come this much from one source or composer is named under "What it cannot judge".</summary>
    private const double DominantShare = 0.5;

    public static string Write(string corpusFolder, ScoreFeatureTable table, StyleModel model, IReadOnlyList<AxisCrossValidation> validation)
    {
        ArgumentNullException.ThrowIfNull(corpusFolder);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(validation);
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var index = new FileInfo(Path.Combine(Path.GetFullPath(corpusFolder), LabelledScoreIndex.FileName));
        var scores = table.Rows.Select(r => r.Score).ToList();
        var options = DefaultStyleClassifier.Training;

        Line("# Default style classifiers");
        Line();
        Line(DefaultStyleClassifier.Summary(model) + ".");
        Line();
        Line("Trained on first use by `notagen classify` from the shared corpus; not shipped, because much of the corpus may not be " +
            "redistributed in derived form (see the licences below).");
        Line();
        Line("## Training data");
        Line();
        Line(Invariant($"- Index: `{index.FullName}` ({index.Length} bytes, modified {index.LastWriteTimeUtc:yyyy-MM-dd HH:mm:ss} UTC)."));
        Line(Invariant($"- {scores.Count} scores with a period or instrumentation label were read; {table.Failures.Count} could not be read and were left out."));
        foreach (var axis in StyleCrossValidation.Axes)
        {
            var counts = scores.Select(s => StyleCrossValidation.Label(s, axis)).OfType<string>().GroupBy(l => l, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
            Line($"- {Capitalise(axis)}: " + string.Join(", ", counts.Select(g => Invariant($"{g.Key} {g.Count()}"))) +
                Invariant($" (a class needs {options.MinClassPieces} scores and as many works as folds)."));
        }
        if (model.Axes.TryGetValue(StyleAxes.Composer, out var composers))
            Line(Invariant($"- Composer: {composers.Classes.Count} composers with at least {options.MinComposerPieces} scores are classes."));
        Line();
        Line("| source | scores | licence (index.tsv) |");
        Line("|---|---|---|");
        foreach (var source in scores.GroupBy(s => s.Source, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var licences = source.GroupBy(s => s.Licence ?? "(none given)", StringComparer.Ordinal).OrderByDescending(g => g.Count())
                .Select(g => source.Count() == g.Count() ? g.Key : Invariant($"{g.Key} ({g.Count()})"));
            Line(Invariant($"| {source.Key} | {source.Count()} | {string.Join("; ", licences).Replace("|", "\\|", StringComparison.Ordinal)} |"));
        }
        Line();
        Line("The corpus's README.md and LICENSES/ folder hold the full terms.");
        Line();

        Line("## Learner and settings");
        Line();
        Line($"- Features: the handcrafted style features ({model.Mean.Length} numbers, `{ScoreFeatureTable.FeatureVersion}`), standardised with the training scores' mean and SD.");
        foreach (var axis in StyleAxes.All.Where(model.Axes.ContainsKey))
        {
            var settings = model.Axes[axis] is GradientBoostedTrees
                ? Invariant($"{DefaultStyleClassifier.Boosting.Rounds} rounds of depth-{DefaultStyleClassifier.Boosting.Depth} trees per class, learning rate {DefaultStyleClassifier.Boosting.LearningRate}, {100 * DefaultStyleClassifier.Boosting.Subsample:F0}% subsample, thresholds at {DefaultStyleClassifier.Boosting.Bins} quantiles, L2 {DefaultStyleClassifier.Boosting.Lambda}, seed {DefaultStyleClassifier.Boosting.Seed}")
                : Invariant($"{options.Iterations} gradient steps, learning rate {options.LearningRate}, L2 {options.L2}");
            Line($"- {Capitalise(axis)}: {model.Axes[axis].Kind}, {model.Axes[axis].Classes.Count} classes; {settings}" +
                (model.Temperatures.TryGetValue(axis, out var t) ? Invariant($"; temperature {t:F3}.") : "; no temperature scaling."));
        }
        Line("- Unweighted (class-balanced weights cost held-out period accuracy).");
        Line();

        Line(Invariant($"## Held-out figures: grouped 5-fold cross-validation by {DefaultStyleClassifier.Grouping.ToString().ToLowerInvariant()}, seed 0"));
        Line();
        Line("Whole works (movements and duplicate copies together) are held out of training: these figures predict unseen pieces from the same " +
            "sources. By composer and by source (unseen composers, unseen collections) the figures are lower; they are not recomputed here " +
            "(each costs another cross-validation): see README.md, \"Style classifiers\", or run `notagen classify --evaluate --corpus DIR --learner Trees --group-by Composer` (or `Source`).");
        foreach (var axis in validation)
        {
            var report = axis.Report;
            Line();
            Line(Invariant($"### {Capitalise(axis.Axis)}: {100 * report.Accuracy:F1}% ({report.Correct}/{report.Total}), macro-F1 {report.MacroF1:F3}"));
            Line();
            Line("| class | support | precision | recall | F1 |");
            Line("|---|---|---|---|---|");
            foreach (var c in report.Classes)
                Line(Invariant($"| {c.Label} | {c.Support} | {100 * c.Precision:F1}% | {100 * c.Recall:F1}% | {c.F1:F3} |"));
            Line();
            Line("Confusion (rows true, columns predicted): " + string.Join(" · ", report.Labels.Select((l, i) => $"{l}: " + string.Join(' ', report.Confusion[i]))));
            if (axis.LeftOutPieces > 0)
                Line(Invariant($"Left out: {axis.LeftOutPieces} scores without this label or with a label too rare to be a class ({string.Join(", ", axis.LeftOutLabels)})."));
        }
        Line();

        Line("## Calibration");
        Line();
        foreach (var axis in validation)
            Line(Invariant($"- {Capitalise(axis.Axis)}: expected calibration error (10 bins) of the held-out predictions {axis.ExpectedCalibrationError:F3}, after temperature scaling (fitted on the other folds) {axis.ScaledExpectedCalibrationError:F3}; temperature fitted on all folds {axis.Temperature:F3}, used by these classifiers."));
        Line();

        Line("## What it cannot judge");
        Line();
        foreach (var axis in validation)
        {
            var classes = model.Axes.TryGetValue(axis.Axis, out var classifier) ? classifier.Classes : [];
            var never = scores.Select(s => StyleCrossValidation.Label(s, axis.Axis)).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(l => !classes.Contains(l)).Order(StringComparer.Ordinal).ToList();
            if (never.Count > 0)
                Line(Invariant($"- {Capitalise(axis.Axis)} labels it never predicts (fewer than {options.MinClassPieces} scores): {string.Join(", ", never)}."));
            var unmeasured = axis.LeftOutLabels.Where(classes.Contains).ToList();
            if (unmeasured.Count > 0)
                Line($"- {Capitalise(axis.Axis)} classes it predicts that no held-out figure measures (fewer works than folds): {string.Join(", ", unmeasured)}.");
        }
        foreach (var axis in StyleCrossValidation.Axes)
        {
            var classes = model.Axes.TryGetValue(axis, out var classifier) ? classifier.Classes : [];
            foreach (var label in classes)
            {
                var members = scores.Where(s => StyleCrossValidation.Label(s, axis) == label).ToList();
                var source = Dominant(members, s => s.Source ?? "");
                if (source.Share >= DominantShare)
                    Line(Invariant($"- {label} ({axis}): {source.Count} of {members.Count} scores from one source, {source.Key}; it may learn that source's encoding rather than the {axis}."));
                var composer = Dominant(members.Where(s => s.Composer is not null).ToList(), s => s.Composer!);
                if (composer.Share >= DominantShare)
                    Line(Invariant($"- {label} ({axis}): {composer.Count} of {members.Count} scores by {composer.Key}; another composer's {label} may not look like this."));
            }
        }
        Line("- Anything outside the corpus's styles: folk tunes, jazz, popular music, or a period/instrumentation label it has no class for, get the nearest class it knows, with no warning.");
        Line("- Generated pieces: the figures above are for human scores from these sources; a model's output can differ from all of them.");
        return text.ToString();
    }

    private static (string Key, int Count, double Share) Dominant(IReadOnlyList<LabelRow> members, Func<LabelRow, string> key)
    {
        if (members.Count == 0) return ("", 0, 0);
        var top = members.GroupBy(key, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        return (top.Key, top.Count(), (double)top.Count() / members.Count);
    }

    private static string Capitalise(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
