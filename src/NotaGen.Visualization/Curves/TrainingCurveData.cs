namespace NotaGen.Visualization.Curves;

/// <summary>
/// The series behind the training-curve chart. A step logged twice (a resumed run repeats the steps the killed one
/// logged past its last checkpoint) keeps its later line, as the trainer's README asks.
/// </summary>
public sealed record TrainingCurveData(
    IReadOnlyList<int> Steps,
    IReadOnlyList<double> Loss,
    IReadOnlyList<int> EvaluationSteps,
    IReadOnlyList<double> EvaluationLoss,
    IReadOnlyList<double> LearningRate,
    IReadOnlyList<double> TokensPerSecond)
{
    public static TrainingCurveData From(IEnumerable<TrainingLogPoint> points)
    {
        var train = new SortedDictionary<int, TrainingLogPoint>();
        var eval = new SortedDictionary<int, double>();
        foreach (var point in points)
        {
            if (point.Kind == "train" && point.Loss is not null)
                train[point.Step] = point;
            else if (point.Kind == "eval" && point.EvaluationLoss is { } loss)
                eval[point.Step] = loss;
        }
        var rows = train.Values.ToList();
        return new TrainingCurveData(
            [.. rows.Select(p => p.Step)],
            [.. rows.Select(p => p.Loss!.Value)],
            [.. eval.Keys],
            [.. eval.Values],
            [.. rows.Select(p => p.LearningRate ?? double.NaN)],
            [.. rows.Select(p => p.TokensPerSecond ?? double.NaN)]);
    }
}
