namespace NotaGen.Evaluation.Runner;

/// <summary>One row of metrics.csv: a piece, the prompt it was generated for ("" when none), its metrics by name.</summary>
public sealed record EvaluatedSample(string Path, string Prompt, IReadOnlyDictionary<string, double> Metrics);
