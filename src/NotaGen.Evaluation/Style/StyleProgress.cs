namespace NotaGen.Evaluation.Style;

/// <summary>
/// How far a long step of training or evaluating the style classifiers has come: <paramref name="Done"/> of
/// <paramref name="Total"/> <paramref name="Unit"/> (e.g. "scores" of the feature table, "folds" of a cross-validation)
/// in <paramref name="Stage"/>. Reported from worker threads, in no particular order of <paramref name="Done"/>.
/// </summary>
public readonly record struct StyleProgress(string Stage, string Unit, int Done, int Total);
