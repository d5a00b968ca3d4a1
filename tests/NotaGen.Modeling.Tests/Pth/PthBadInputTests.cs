using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Testing;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Pth;

/// <summary>Checkpoints the importer must refuse with an error naming the file and the key, executing nothing.</summary>
public sealed class PthBadInputTests
{
    private static NotaGenConfig Small => BadCheckpoints.Small;

    private static WeightFileException ImportFails(string path)
    {
        var error = Assert.Throws<WeightFileException>(() =>
        {
            using var checkpoint = PthCheckpoint.Open(path);
            using var model = NotaGenPthImport.Load(checkpoint, NotaGenPthImport.InferConfig(checkpoint));
        });
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void A_well_formed_small_checkpoint_imports_so_the_failures_below_are_the_edits()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempDirectory();
        BadCheckpoints.Write(directory.File("ok.pth"), Small, e => e);
        using var checkpoint = PthCheckpoint.Open(directory.File("ok.pth"));
        using var loaded = NotaGenPthImport.Load(checkpoint, NotaGenPthImport.InferConfig(checkpoint));
        Assert.Equal((Small with { Dropout = 0.1 }).ToJson(), loaded.Config.ToJson());
    }

    [Fact]
    public void A_truncated_zip_is_refused()
    {
        using var directory = new TempDirectory();
        var bytes = File.ReadAllBytes(PthImportParityTests.Fixture("tiny-train.pth"));
        File.WriteAllBytes(directory.File("truncated.pth"), bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var error = ImportFails(directory.File("truncated.pth"));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_pickle_asking_for_os_system_is_refused_and_nothing_runs()
    {
        using var directory = new TempDirectory();
        var marker = directory.File("executed");
        var path = directory.File("evil.pth");
        BadCheckpoints.WriteOsSystemPickle(path, marker);

        var error = ImportFails(path);
        Assert.Contains("os.system", error.Message);
        Assert.Contains("refused", error.Message);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_tensor_of_the_wrong_shape_is_named()
    {
        using var directory = new TempDirectory();
        BadCheckpoints.Write(directory.File("shape.pth"), Small,
            e => e.Select(x => x.Name == "patch_level_decoder.base.h.0.mlp.c_fc.bias" ? x with { Tensor = zeros(255) } : x).ToList());
        var error = ImportFails(directory.File("shape.pth"));
        Assert.Contains("'patch_level_decoder.base.h.0.mlp.c_fc.bias' has shape [255], expected [256]", error.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        using var directory = new TempDirectory();
        BadCheckpoints.Write(directory.File("missing.pth"), Small,
            e => e.Where(x => x.Name != "char_level_decoder.base.transformer.ln_f.weight").ToList());
        var error = ImportFails(directory.File("missing.pth"));
        Assert.Contains("'char_level_decoder.base.transformer.ln_f.weight' (expected shape [64]) is missing", error.Message);
    }

    [Fact]
    public void An_extra_tensor_is_named()
    {
        using var directory = new TempDirectory();
        BadCheckpoints.Write(directory.File("extra.pth"), Small, e => [.. e, new PthWriter.Entry("patch_level_decoder.extra.weight", ones(2))]);
        var error = ImportFails(directory.File("extra.pth"));
        Assert.Contains("unexpected tensor 'patch_level_decoder.extra.weight'", error.Message);
    }

    [Fact]
    public void A_hidden_size_that_is_not_a_multiple_of_64_cannot_be_inferred()
    {
        using var directory = new TempDirectory();
        BadCheckpoints.Write(directory.File("odd.pth"), Small with { HiddenSize = 96, Heads = 2 }, e => e);
        var error = ImportFails(directory.File("odd.pth"));
        Assert.Contains("cannot infer the number of heads", error.Message);
        Assert.Contains("'patch_level_decoder.patch_embedding.weight'", error.Message);
    }

    [Fact]
    public void File_name_claims_that_disagree_with_the_shapes_are_reported()
    {
        var config = ModelPresets.Get("large");
        Assert.Empty(NotaGenPthImport.FileNameDisagreements("weights_notagen_p_size_16_p_length_1024_p_layers_20_c_layers_6_h_size_1280.pth", config));
        var warnings = NotaGenPthImport.FileNameDisagreements("weights_notagenx_p_size_16_p_length_1024_p_layers_20_h_size_1024.pth", config);
        Assert.Equal(["the file name says h_size_1024 but the tensors give hidden size = 1280"], warnings);
    }
}
