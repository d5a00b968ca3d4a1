using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Tests.Pth;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Testing;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Cli.Tests;

/// <summary>
/// The bad inputs through <c>notagen model import</c>: each fails with exit 1, an error naming the file and the
/// key, and nothing beside the input afterwards (no model directory, no staging folder, nothing executed).
/// </summary>
public sealed class ModelImportBadInputTests
{
    private static NotaGenConfig Small => BadCheckpoints.Small;

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("os-system", "refused global 'os.system'")]
    [InlineData("wrong-shape", "'patch_level_decoder.base.h.0.mlp.c_fc.bias' has shape [255], expected [256]")]
    [InlineData("missing-key", "'char_level_decoder.base.transformer.ln_f.weight' (expected shape [64]) is missing")]
    [InlineData("extra-key", "unexpected tensor 'patch_level_decoder.extra.weight'")]
    [InlineData("uninferable", "cannot infer the number of heads: 'patch_level_decoder.patch_embedding.weight'")]
    public void A_bad_checkpoint_fails_naming_the_file_and_key_and_leaves_nothing(string kind, string expected)
    {
        using var temp = new TempDirectory();
        var file = temp.File($"{kind}.pth");
        var marker = temp.File("executed");
        switch (kind)
        {
            case "truncated":
                BadCheckpoints.Write(file, Small, e => e);
                var bytes = File.ReadAllBytes(file);
                File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
                break;
            case "os-system": BadCheckpoints.WriteOsSystemPickle(file, marker); break;
            case "wrong-shape":
                BadCheckpoints.Write(file, Small, e => e.Select(x => x.Name == "patch_level_decoder.base.h.0.mlp.c_fc.bias" ? x with { Tensor = zeros(255) } : x).ToList());
                break;
            case "missing-key": BadCheckpoints.Write(file, Small, e => e.Where(x => x.Name != "char_level_decoder.base.transformer.ln_f.weight").ToList()); break;
            case "extra-key": BadCheckpoints.Write(file, Small, e => [.. e, new PthWriter.Entry("patch_level_decoder.extra.weight", ones(2))]); break;
            case "uninferable": BadCheckpoints.Write(file, Small with { HiddenSize = 96, Heads = 2 }, e => e); break;
        }

        var result = Notagen.Run(temp.Path, "model", "import", $"{kind}.pth", "--out", "imported");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(file, result.StandardError);
        Assert.Contains(expected, result.StandardError);
        Assert.False(File.Exists(marker));
        Assert.Equal([$"{kind}.pth"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
