using System.Diagnostics;
using System.Globalization;
using NotaGen.Evaluation.Style;
using NotaGen.Music.IO;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen classify --evaluate --corpus DIR [--group-by Work|Composer|Source] [--learner Logistic|Trees] [--features handcrafted|model] [--folds 5] [--seed 0] [--out DIR]</c>: the
/// grouped cross-validation of the default classifiers' recipe on a folder of scores with an <c>index.tsv</c>. Prints,
/// per axis, accuracy, macro-F1, the per-class table, the confusion table and calibration (ECE before and after
/// temperature scaling); writes <c>AXIS-classes.csv</c>, <c>AXIS-confusion.csv</c>, <c>AXIS-reliability.csv</c> with
/// its reliability diagram <c>AXIS-reliability.html</c>, and <c>predictions.csv</c> (every held-out prediction with its group and fold) to the output folder.
/// </summary>
internal static class ClassifyEvaluation
{
    /// <param name="features">The feature family; its features of the folder are cached by <see cref="StyleFeatureExtractor.CacheVersion"/>, so runs with other groupings or learners reuse them.</param>
    /// <param name="cancellation">Checked between scores and folds: when cancelled nothing is written here (the features read so far are cached) and <see cref="OperationCanceledException"/> is thrown.</param>
    public static void Run(string folder, StyleFeatureExtractor features, CrossValidationOptions options, string output, RateProgress progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var cache = DefaultStyleClassifier.CacheDirectory();
        var table = ScoreFeatureTable.Compute(folder, options.Jobs, Path.Combine(cache, $"features-{features.CacheVersion}.tsv"), extractor: features, progress: progress, cancellation: cancellation);
        var featureSeconds = clock.Elapsed.TotalSeconds;
        progress.Finish();
        foreach (var failure in table.Failures) Console.Error.WriteLine(failure);
        var results = StyleCrossValidation.Run(table.Rows, options, progress, cancellation);
        progress.Finish();
        var groups = StyleGroups.Assign(table.Rows.Select(r => r.Score).ToList(), options.Grouping).Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine(Invariant($"grouped {options.Folds}-fold cross-validation by {options.Grouping.ToString().ToLowerInvariant()} ({groups} groups, seed {options.Seed}), {features.Source} features, {options.Learner.ToString().ToLowerInvariant()} learner, {table.Rows.Count} labelled scores of {folder} ({table.Failures.Count} unreadable left out); features {featureSeconds:F1} s, all {clock.Elapsed.TotalSeconds:F1} s"));
        Directory.CreateDirectory(output);
        foreach (var axis in results)
        {
            Print(axis);
            Write(axis, output);
        }
        AtomicFile.WriteAllText(Path.Combine(output, "predictions.csv"), FigureFiles.Csv(
            ["axis", "path", "group", "fold", "truth", "predicted", "confidence", "scaled_confidence"],
            results.SelectMany(a => a.Predictions.Select(p => (IReadOnlyList<object?>)[a.Axis, p.Path, p.Group, p.Fold, p.Truth, p.Predicted, p.Confidence, p.ScaledConfidence]))));
        Console.WriteLine($"CSV files in {output}");
    }

    private static void Print(AxisCrossValidation axis)
    {
        var report = axis.Report;
        Console.WriteLine();
        Console.WriteLine(Invariant($"{axis.Axis}: accuracy {report.Accuracy:P1} ({report.Correct}/{report.Total}), macro-F1 {report.MacroF1:F3}; ECE {axis.ExpectedCalibrationError:F3}, after temperature scaling (T fitted on the other folds) {axis.ScaledExpectedCalibrationError:F3}; T on all folds {axis.Temperature:F2}"));
        if (axis.LeftOutPieces > 0)
            Console.WriteLine($"  left out: {axis.LeftOutPieces} pieces without a label or with a label too rare to be a class ({string.Join(", ", axis.LeftOutLabels)})");
        var width = Math.Max(12, report.Labels.Max(l => l.Length) + 1);
        Console.WriteLine($"  {"class".PadRight(width)} {"support",8} {"precision",10} {"recall",8} {"F1",6}");
        foreach (var c in report.Classes)
            Console.WriteLine(Invariant($"  {c.Label.PadRight(width)} {c.Support,8} {c.Precision,10:P1} {c.Recall,8:P1} {c.F1,6:F3}"));
        Console.WriteLine($"  confusion (rows true, columns predicted in the same order):");
        for (var i = 0; i < report.Labels.Count; i++)
            Console.WriteLine($"  {report.Labels[i].PadRight(width)} " + string.Join(' ', report.Confusion[i].Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(6))));
    }

    private static void Write(AxisCrossValidation axis, string output)
    {
        var report = axis.Report;
        AtomicFile.WriteAllText(Path.Combine(output, $"{axis.Axis}-classes.csv"), FigureFiles.Csv(["class", "support", "predicted", "correct", "precision", "recall", "f1"],
            report.Classes.Select(c => (IReadOnlyList<object?>)[c.Label, c.Support, c.Predicted, c.Correct, c.Precision, c.Recall, c.F1])));
        AtomicFile.WriteAllText(Path.Combine(output, $"{axis.Axis}-confusion.csv"), FigureFiles.Csv(["true \\ predicted", .. report.Labels],
            Enumerable.Range(0, report.Labels.Count).Select(i => (IReadOnlyList<object?>)[report.Labels[i], .. report.Confusion[i].Cast<object?>()])));
        FigureFiles.Save(ReliabilityDiagram(axis), output, $"{axis.Axis}-reliability", ["scaling", "low", "high", "count", "mean_confidence", "accuracy"],
            axis.Reliability.Select(b => (IReadOnlyList<object?>)["none", b.Low, b.High, b.Count, b.MeanConfidence, b.Accuracy])
                .Concat(axis.ScaledReliability.Select(b => (IReadOnlyList<object?>)["temperature", b.Low, b.High, b.Count, b.MeanConfidence, b.Accuracy])),
            staticImages: false);
    }

    /// <summary>Accuracy against mean confidence per bin (empty bins left out), before and after temperature scaling, beside the diagonal.</summary>
    private static GenericChart ReliabilityDiagram(AxisCrossValidation axis)
    {
        GenericChart Line(IReadOnlyList<ReliabilityBin> bins, string name)
        {
            var used = bins.Where(b => b.Count > 0).ToList();
            return CSharpChart.Line<double, double, string>(used.Select(b => b.MeanConfidence).ToArray(), used.Select(b => b.Accuracy).ToArray(), Name: name, ShowMarkers: true);
        }
        return CSharpChart.Combine(
            [
                CSharpChart.Line<double, double, string>(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, Name: "perfectly calibrated"),
                Line(axis.Reliability, Invariant($"held out (ECE {axis.ExpectedCalibrationError:F3})")),
                Line(axis.ScaledReliability, Invariant($"temperature-scaled (ECE {axis.ScaledExpectedCalibrationError:F3})")),
            ])
            .WithXAxisStyle<double, double, string>(TitleText: "mean confidence of the predicted class")
            .WithYAxisStyle<double, double, string>(TitleText: "accuracy")
            .WithTitle($"{axis.Axis}: reliability of held-out predictions");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
