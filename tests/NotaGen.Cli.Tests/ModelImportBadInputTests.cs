using System.IO.Compression;
using System.Text;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
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
    private const string CharEmbedding = "char_level_decoder.base.transformer.wte.weight";

    private static NotaGenConfig Small => new() { HiddenSize = 64, Heads = 1, PatchLayers = 1, CharLayers = 1, PatchLength = 8, Dropout = 0 };

    private static void WriteCheckpoint(string path, NotaGenConfig config, Func<List<PthWriter.Entry>, List<PthWriter.Entry>> edit)
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(config, seed: 1);
        List<PthWriter.Entry> entries =
        [
            .. model.named_parameters().Select(p => new PthWriter.Entry(p.name, p.parameter)),
            new PthWriter.Entry(ModelDirectory.TiedHead, model.named_parameters().Single(p => p.name == CharEmbedding).parameter, CharEmbedding),
        ];
        PthWriter.WriteModelCheckpoint(path, edit(entries));
    }

    private static void WriteEvilPickle(string path, string marker)
    {
        // {'model': os.system('touch MARKER')}: GLOBAL 'os system', an argument tuple, REDUCE.
        var pickle = new MemoryStream();
        pickle.Write([0x80, 2, (byte)'}', (byte)'(']);
        WriteString(pickle, "model");
        pickle.Write(Encoding.ASCII.GetBytes("cos\nsystem\n"));
        WriteString(pickle, $"touch {marker}");
        pickle.Write([0x85, (byte)'R', (byte)'u', (byte)'.']);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var stream = zip.CreateEntry("evil/data.pkl", CompressionLevel.NoCompression).Open();
        stream.Write(pickle.ToArray());
    }

    private static void WriteString(Stream stream, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        stream.WriteByte((byte)'X');
        stream.Write(BitConverter.GetBytes(bytes.Length));
        stream.Write(bytes);
    }

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
                WriteCheckpoint(file, Small, e => e);
                var bytes = File.ReadAllBytes(file);
                File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
                break;
            case "os-system": WriteEvilPickle(file, marker); break;
            case "wrong-shape":
                WriteCheckpoint(file, Small, e => e.Select(x => x.Name == "patch_level_decoder.base.h.0.mlp.c_fc.bias" ? x with { Tensor = zeros(255) } : x).ToList());
                break;
            case "missing-key": WriteCheckpoint(file, Small, e => e.Where(x => x.Name != "char_level_decoder.base.transformer.ln_f.weight").ToList()); break;
            case "extra-key": WriteCheckpoint(file, Small, e => [.. e, new PthWriter.Entry("patch_level_decoder.extra.weight", ones(2))]); break;
            case "uninferable": WriteCheckpoint(file, Small with { HiddenSize = 96, Heads = 2 }, e => e); break;
        }

        var result = Notagen.Run(temp.Path, "model", "import", $"{kind}.pth", "--out", "imported");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(file, result.StandardError);
        Assert.Contains(expected, result.StandardError);
        Assert.False(File.Exists(marker));
        Assert.Equal([$"{kind}.pth"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }
}
