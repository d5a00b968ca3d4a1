namespace NotaGen.Modeling.Weights;

/// <summary>
/// A weight file that cannot be used: truncated, corrupted, or made for another model shape. The message names the
/// file and, where there is one, the tensor and the shape the model expects.
/// </summary>
public sealed class WeightFileException(string file, string problem)
    : Exception($"{file}: {problem}")
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
