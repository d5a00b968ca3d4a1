namespace NotaGen.Evaluation.Style;

/// <summary>A classifier's accuracy on one axis: correct / pieces with a label on that axis.</summary>
public sealed record AxisAccuracy(string Axis, int Correct, int Total)
{
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    public override string ToString() => $"{Axis}: {Accuracy:P1} ({Correct}/{Total})";
}

/// <summary>Accuracy of the style classifiers on labelled pieces (the test split): a label without a class counts wrong.</summary>
public static class StyleAccuracy
{
    public static IReadOnlyList<AxisAccuracy> Measure(StyleModel model, IReadOnlyList<LabelledFeatures> pieces)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pieces);
        var predictions = pieces.Select(p => model.Classify(p.Features)).ToList();
        return model.Axes.Keys.Order(StringComparer.Ordinal).Select(axis =>
        {
            var labelled = Enumerable.Range(0, pieces.Count).Where(i => StyleAxes.Of(pieces[i].Labels, axis) is not null).ToList();
            var correct = labelled.Count(i => predictions[i][axis].Label == StyleAxes.Of(pieces[i].Labels, axis));
            return new AxisAccuracy(axis, correct, labelled.Count);
        }).ToList();
    }
}
