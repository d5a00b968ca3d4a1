using System.IO.Compression;
using System.Text;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Modeling.Weights.Pth;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Pth;

/// <summary>
/// The checkpoints the importer must refuse, made in one place for the importer's tests and for the CLI's
/// (NotaGen.Cli.Tests compiles this file too): a small model's state dict, edited, or a pickle that asks to run a command.
/// </summary>
internal static class BadCheckpoints
{
    public const string CharEmbedding = "char_level_decoder.base.transformer.wte.weight";

    // H = 64 (one head of 64, as NotaGen's H / 64), 1 + 1 layers, 8 patches.
    public static NotaGenConfig Small => new() { HiddenSize = 64, Heads = 1, PatchLayers = 1, CharLayers = 1, PatchLength = 8, Dropout = 0 };

    /// <summary>A model's tensors as NotaGen saves them: its parameters and <c>lm_head</c> tied to the character embedding.</summary>
    public static List<PthWriter.Entry> EntriesOf(NotaGenModel model) =>
    [
        .. model.named_parameters().Select(p => new PthWriter.Entry(p.name, p.parameter)),
        new PthWriter.Entry(ModelDirectory.TiedHead, model.named_parameters().Single(p => p.name == CharEmbedding).parameter, CharEmbedding),
    ];

    /// <summary>Writes a training checkpoint of a seeded model of <paramref name="config"/>, its entries changed by <paramref name="edit"/>.</summary>
    public static void Write(string path, NotaGenConfig config, Func<List<PthWriter.Entry>, List<PthWriter.Entry>> edit)
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(config, seed: 3);
        PthWriter.WriteModelCheckpoint(path, edit(EntriesOf(model)));
    }

    /// <summary>
    /// <c>{'model': os.system('touch MARKER')}</c> as pickle protocol 2 (GLOBAL 'os system', the argument tuple, REDUCE)
    /// in a torch zip: loading it with Python's pickle would create <paramref name="marker"/>.
    /// </summary>
    public static void WriteOsSystemPickle(string path, string marker)
    {
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
}
