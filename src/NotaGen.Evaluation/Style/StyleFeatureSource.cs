namespace NotaGen.Evaluation.Style;

/// <summary>
/// Which feature family a set of style classifiers reads: <see cref="HandcraftedFamily"/> (<see cref="StyleFeatures"/>)
/// or <see cref="ModelFamily"/> (<see cref="HiddenStateFeatures"/> of the model folder <see cref="Model"/>).
/// </summary>
public sealed record StyleFeatureSource(string Family, string? Model)
{
    public const string HandcraftedFamily = "handcrafted";
    public const string ModelFamily = "model";

    public static readonly StyleFeatureSource Handcrafted = new(HandcraftedFamily, null);

    public static StyleFeatureSource FromModel(string modelFolder) => new(ModelFamily, modelFolder);

    public override string ToString() => Model is null ? Family : $"{Family} ({Model})";
}
