using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;

namespace NotaGen.Evaluation.Tests;

/// <summary>Small random models for tests that need a model's numbers, not its music.</summary>
internal static class TinyModels
{
    public static NotaGenConfig Config { get; } = new()
    {
        Preset = "micro",
        HiddenSize = 32,
        Heads = 2,
        PatchLayers = 1,
        CharLayers = 1,
        PatchLength = 32,
        Dropout = 0,
    };

    public static NotaGenModel Create(long seed = 1)
    {
        var model = NotaGenModel.Create(Config, seed: seed);
        model.eval();
        return model;
    }
}
