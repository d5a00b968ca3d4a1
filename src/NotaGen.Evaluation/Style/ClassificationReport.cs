namespace NotaGen.Evaluation.Style;

/// <summary>Precision, recall and F1 of one class, with its support (pieces whose true label it is).</summary>
public sealed record ClassScores(string Label, int Support, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    public double Recall => Support == 0 ? 0 : (double)Correct / Support;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// A classifier's predictions against the truth: the confusion table (rows true, columns predicted, in the order of
/// <see cref="Labels"/>), per-class precision and recall, accuracy and macro-F1 (the unweighted mean of the classes' F1).
/// </summary>
public sealed class ClassificationReport
{
    public ClassificationReport(IReadOnlyList<string> labels, IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count) throw new ArgumentException("as many predictions as true labels are needed");
        Labels = labels;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(t => t.l, t => t.i, StringComparer.Ordinal);
        Confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        for (var n = 0; n < truth.Count; n++)
        {
            if (!index.TryGetValue(truth[n], out var t)) throw new ArgumentException($"true label '{truth[n]}' is not one of the classes");
            if (!index.TryGetValue(predicted[n], out var p)) throw new ArgumentException($"predicted label '{predicted[n]}' is not one of the classes");
            Confusion[t][p]++;
        }
        Total = truth.Count;
        Correct = Enumerable.Range(0, labels.Count).Sum(i => Confusion[i][i]);
        Classes = Enumerable.Range(0, labels.Count)
            .Select(i => new ClassScores(labels[i], Confusion[i].Sum(), Confusion.Sum(row => row[i]), Confusion[i][i]))
            .ToList();
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>[true][predicted] counts.</summary>
    public int[][] Confusion { get; }

    public IReadOnlyList<ClassScores> Classes { get; }

    public int Total { get; }

    public int Correct { get; }

    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    /// <summary>Mean F1 over the classes that have support (a class never seen in the truth is not averaged in).</summary>
    public double MacroF1 => Classes.Where(c => c.Support > 0).Select(c => c.F1).DefaultIfEmpty(double.NaN).Average();
}
