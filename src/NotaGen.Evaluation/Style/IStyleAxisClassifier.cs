namespace NotaGen.Evaluation.Style;

/// <summary>
/// A classifier of one style axis on standardised features (<see cref="LogisticRegression"/> or
/// <see cref="GradientBoostedTrees"/>): class scores that a softmax, optionally temperature-scaled, turns into probabilities.
/// </summary>
public interface IStyleAxisClassifier
{
    IReadOnlyList<string> Classes { get; }

    /// <summary>What kind of classifier this is, in words ("logistic regression"), for summaries and the card.</summary>
    string Kind { get; }

    /// <summary>Unnormalised class scores, in the order of <see cref="Classes"/>.</summary>
    double[] Scores(double[] features);
}
