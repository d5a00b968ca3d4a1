namespace NotaGen.Evaluation.Style;

/// <summary>
/// Multinomial logistic regression (softmax over classes, L2 penalty), trained by full-batch gradient descent with
/// Nesterov momentum from zero weights: deterministic, no random draws. Inputs are expected standardised.
/// </summary>
public sealed class LogisticRegression : IStyleAxisClassifier
{
    public LogisticRegression(IReadOnlyList<string> classes, double[][] weights)
    {
        Classes = classes;
        Weights = weights;
    }

    public IReadOnlyList<string> Classes { get; }

    public string Kind => "logistic regression";

    /// <summary>[class][feature], the last column is the bias.</summary>
    public double[][] Weights { get; }

    /// <param name="sampleWeights">A weight per input (null: all 1); the loss is the weighted mean. Class-balanced weights
    /// (<see cref="BalancedWeights"/>) make each class count as much as any other, however few its pieces.</param>
    /// <param name="cancellation">Checked before every gradient step (throws <see cref="OperationCanceledException"/>).</param>
    public static LogisticRegression Train(IReadOnlyList<double[]> inputs, IReadOnlyList<string> labels, int iterations = 300, double learningRate = 0.5, double l2 = 1e-3,
        IReadOnlyList<double>? sampleWeights = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (inputs.Count == 0 || inputs.Count != labels.Count)
            throw new ArgumentException("logistic regression needs as many labels as inputs, and at least one");
        if (sampleWeights is not null && sampleWeights.Count != inputs.Count)
            throw new ArgumentException("logistic regression needs as many sample weights as inputs", nameof(sampleWeights));
        var totalWeight = sampleWeights?.Sum() ?? inputs.Count;
        var classes = labels.Distinct().Order(StringComparer.Ordinal).ToList();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var width = inputs[0].Length + 1;
        var weights = NewMatrix(classes.Count, width);
        var velocity = NewMatrix(classes.Count, width);
        var lookahead = NewMatrix(classes.Count, width);
        var gradient = NewMatrix(classes.Count, width);
        const double momentum = 0.9;
        for (var step = 0; step < iterations; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (var k = 0; k < classes.Count; k++)
                for (var j = 0; j < width; j++)
                {
                    lookahead[k][j] = weights[k][j] + momentum * velocity[k][j];
                    gradient[k][j] = l2 * lookahead[k][j];
                }
            var model = new LogisticRegression(classes, lookahead);
            for (var n = 0; n < inputs.Count; n++)
            {
                var p = model.Probabilities(inputs[n]);
                var target = classIndex[labels[n]];
                for (var k = 0; k < classes.Count; k++)
                {
                    var error = (p[k] - (k == target ? 1 : 0)) * (sampleWeights?[n] ?? 1) / totalWeight;
                    if (error == 0) continue;
                    var row = gradient[k];
                    var x = inputs[n];
                    for (var j = 0; j < x.Length; j++) row[j] += error * x[j];
                    row[^1] += error;
                }
            }
            for (var k = 0; k < classes.Count; k++)
                for (var j = 0; j < width; j++)
                {
                    velocity[k][j] = momentum * velocity[k][j] - learningRate * gradient[k][j];
                    weights[k][j] += velocity[k][j];
                }
        }
        return new LogisticRegression(classes, weights);
    }

    /// <summary>Weights that give every class the same total: n / (classes × pieces of the input's class).</summary>
    public static double[] BalancedWeights(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var counts = labels.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return labels.Select(l => (double)labels.Count / (counts.Count * counts[l])).ToArray();
    }

    /// <summary>The linear scores (logits) per class, before the softmax.</summary>
    public double[] Scores(double[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scores = new double[Classes.Count];
        for (var k = 0; k < scores.Length; k++)
        {
            var row = Weights[k];
            var sum = row[^1];
            for (var j = 0; j < input.Length; j++) sum += row[j] * input[j];
            scores[k] = sum;
        }
        return scores;
    }

    public double[] Probabilities(double[] input)
    {
        var scores = Scores(input);
        var max = scores.Max();
        var total = 0.0;
        for (var k = 0; k < scores.Length; k++) total += scores[k] = Math.Exp(scores[k] - max);
        for (var k = 0; k < scores.Length; k++) scores[k] /= total;
        return scores;
    }

    public string Predict(double[] input)
    {
        var p = Probabilities(input);
        return Classes[Array.IndexOf(p, p.Max())];
    }

    private static double[][] NewMatrix(int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => new double[columns]).ToArray();
}
