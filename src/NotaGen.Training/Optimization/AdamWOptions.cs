namespace NotaGen.Training.Optimization;

/// <summary>AdamW's hyper-parameters; defaults are PyTorch's (which NotaGen uses).</summary>
public sealed record AdamWOptions
{
    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double Epsilon { get; init; } = 1e-8;

    public double WeightDecay { get; init; } = 0.01;
}
