using NotaGen.Modeling.Parity;
using NotaGen.Modeling.Weights;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Pth;

/// <summary>
/// Checkpoints written by torch 1.13 from NotaGen's own model code (the shared oracle's fixtures), imported and
/// recomputed: every output within 1e-4 of what NotaGen's code computed from the same file.
/// </summary>
public sealed class PthImportParityTests(ITestOutputHelper output)
{
    internal static string Fixture(string name) => SharedData.Require(Path.Combine("testdata", "notagen-pth", name));

    [Theory]
    [InlineData("tiny-train")]
    [InlineData("mini-bf16-bare")]
    public void An_imported_checkpoint_computes_what_NotaGens_code_computes(string name)
    {
        TestModels.PinThreads();
        var reference = NotaGenReference.Load(Fixture(name + ".reference.json"));
        using var checkpoint = PthCheckpoint.Open(Fixture(name + ".pth"));
        var config = NotaGenPthImport.InferConfig(checkpoint);
        Assert.Equal((reference.Hidden, reference.PatchLayers, reference.CharLayers, reference.PatchLength, reference.PatchSize),
            (config.HiddenSize, config.PatchLayers, config.CharLayers, config.PatchLength, config.PatchSize));
        Assert.Equal(reference.Hidden / 64, config.Heads);
        using var model = NotaGenPthImport.Load(checkpoint, config);
        var differences = ReferenceCheck.Compare(model, reference);
        foreach (var (output_, difference) in differences) output.WriteLine($"{name}: max |Δ {output_}| = {difference:E2}");
        Assert.Empty(ReferenceCheck.Failures(differences));
    }

    [Fact]
    public void A_training_checkpoint_yields_its_model_entry_and_a_bare_one_loses_its_module_prefix()
    {
        using (var train = PthCheckpoint.Open(Fixture("tiny-train.pth")))
        {
            Assert.Contains("optimizer", train.OtherEntries);
            Assert.Contains("lr_sched", train.OtherEntries);
            Assert.Null(train.StrippedPrefix);
            Assert.All(train.Tensors, t => Assert.Equal(PthDType.Float32, t.Value.Storage.DType));
            // The optimizer's moments are in the file but not among the model's tensors.
            Assert.DoesNotContain(train.Tensors, t => t.Key.Contains("exp_avg", StringComparison.Ordinal));
        }
        using var bare = PthCheckpoint.Open(Fixture("mini-bf16-bare.pth"));
        Assert.True(bare.IsBareStateDict);
        Assert.Equal("module.", bare.StrippedPrefix);
        Assert.All(bare.Tensors, t => Assert.False(t.Key.StartsWith("module.", StringComparison.Ordinal), t.Key));
        Assert.All(bare.Tensors, t => Assert.Equal(PthDType.BFloat16, t.Value.Storage.DType));
    }

    [Fact]
    public void An_exported_checkpoint_reads_back_bit_for_bit_with_NotaGens_keys_and_a_tied_head()
    {
        using var directory = new TempDirectory();
        using var source = PthCheckpoint.Open(Fixture("tiny-train.pth"));
        using var model = NotaGenPthImport.Load(source, NotaGenPthImport.InferConfig(source));
        var path = directory.File("exported.pth");
        NotaGenPthExport.Write(model, path);

        using var exported = PthCheckpoint.Open(path);
        Assert.Equal(source.Tensors.Select(t => t.Key).Order(), exported.Tensors.Select(t => t.Key).Order());
        var tensors = exported.Tensors.ToDictionary(t => t.Key, t => t.Value);
        Assert.Same(tensors["char_level_decoder.base.transformer.wte.weight"].Storage, tensors[ModelDirectory.TiedHead].Storage);
        var original = source.Tensors.ToDictionary(t => t.Key, t => t.Value);
        foreach (var (name, tensor) in exported.Tensors)
            Assert.True(source.ReadFloats(name, original[name]).AsSpan().SequenceEqual(exported.ReadFloats(name, tensor)), $"{name} differs");
    }

    [Fact]
    public void NotaGens_code_loads_an_exported_checkpoint_strictly_and_computes_the_reference()
    {
        var python = ExternalTool.RequirePythonModule("torch", "python3-torch");
        var oracle = SharedData.Require(Path.Combine("reference", "notagen-pytorch", "oracle.py"));
        using var directory = new TempDirectory();
        using (var source = PthCheckpoint.Open(Fixture("mini-bf16-bare.pth")))
        using (var model = NotaGenPthImport.Load(source, NotaGenPthImport.InferConfig(source)))
            NotaGenPthExport.Write(model, directory.File("exported.pth"));

        var result = ExternalTool.Run(python,
            [oracle, "check", directory.File("exported.pth"), "--hidden", "256", "--patch-layers", "3", "--char-layers", "2",
             "--patch-length", "128", "--reference", Fixture("mini-bf16-bare.reference.json")],
            directory.Path, TimeSpan.FromMinutes(3));
        output.WriteLine(result.StandardOutput);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("<All keys matched successfully>", result.StandardOutput);
    }
}
