namespace NotaGen.Visualization.Curves;

/// <summary>
/// One line of the trainer's <c>log.jsonl</c> as the curves need it: read from the file (this project sits on
/// NotaGen.Music and does not reference the trainer's types) or handed over by a live observer.
/// </summary>
/// <param name="Kind">"train" (an optimizer update), "eval" (a validation pass) or "checkpoint".</param>
public sealed record TrainingLogPoint(
    string Kind,
    int Step,
    double? Loss = null,
    double? EvaluationLoss = null,
    double? LearningRate = null,
    double? TokensPerSecond = null,
    double ElapsedSeconds = 0);
