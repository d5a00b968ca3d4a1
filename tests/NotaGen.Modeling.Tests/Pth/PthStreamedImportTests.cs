using NotaGen.Modeling.Weights;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Modeling.Tests.Pth;

/// <summary>
/// The import writes the model directory straight from the checkpoint, tensor by tensor (no model built): it must be
/// the directory a model loaded from the checkpoint saves, byte for byte, for float32 and widened bfloat16 alike.
/// </summary>
public sealed class PthStreamedImportTests
{
    [Theory]
    [InlineData("tiny-train")]
    [InlineData("mini-bf16-bare")]
    public void The_streamed_directory_is_byte_identical_to_saving_the_loaded_model(string name)
    {
        using var directory = new TempDirectory();
        using var checkpoint = PthCheckpoint.Open(PthImportParityTests.Fixture(name + ".pth"));
        var config = NotaGenPthImport.InferConfig(checkpoint);
        var parameters = NotaGenPthImport.WriteModelDirectory(checkpoint, config, directory.File("streamed"));
        using (var model = NotaGenPthImport.Load(checkpoint, config))
        {
            ModelDirectory.Save(model, directory.File("saved"));
            Assert.Equal(model.CountParameters(), parameters);
        }
        foreach (var file in new[] { ModelDirectory.ConfigFile, ModelDirectory.WeightsFile })
            Assert.True(File.ReadAllBytes(directory.File($"saved/{file}")).AsSpan().SequenceEqual(File.ReadAllBytes(directory.File($"streamed/{file}"))), $"{file} differs");
        using var loaded = ModelDirectory.Load(directory.File("streamed"));
        Assert.Equal(config.ToJson(), loaded.Config.ToJson());
    }
}
