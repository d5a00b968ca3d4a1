using NotaGen.Modeling.Configuration;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

/// <summary>Small shapes and synthetic pieces shared by the model tests.</summary>
internal static class TestModels
{
    public static readonly StyleVocabulary Vocabulary = StyleVocabulary.Create(
        ["Baroque", "Romantic"], ["Bach, Johann Sebastian", "Chopin, Frederic", "Schubert, Franz"], ["Keyboard", "Chamber"]);

    public static readonly StyleConditioning AllStyles = new() { Embeddings = true, Adapters = true, AttentionBias = true, AdapterRank = 4, AdapterAlpha = 8 };

    /// <summary>A very small model: 2 + 1 layers, H = 32, 2 heads, 64 patches, no dropout.</summary>
    public static NotaGenConfig Micro => new()
    {
        Preset = "micro",
        HiddenSize = 32,
        Heads = 2,
        PatchLayers = 2,
        CharLayers = 1,
        PatchLength = 64,
        Dropout = 0,
    };

    public static NotaGenConfig Styled(bool embeddings, bool adapters, bool attentionBias) => Micro with
    {
        Style = AllStyles with { Embeddings = embeddings, Adapters = adapters, AttentionBias = attentionBias },
        Styles = Vocabulary,
    };

    /// <summary>Random printable patches [batch, length, 16] with a BOS patch first and some EOS/PAD tails.</summary>
    public static Tensor Patches(int batch, int length, int seed)
    {
        var random = new Random(seed);
        var ids = new long[batch * length * 16];
        for (var b = 0; b < batch; b++)
            for (var t = 0; t < length; t++)
            {
                var used = t == 0 ? 16 : random.Next(4, 17);
                for (var c = 0; c < 16; c++)
                {
                    long id = t == 0 ? (c < 15 ? 1 : 2) : c < used ? random.Next(32, 127) : c == used ? 2 : 0;
                    ids[(b * length + t) * 16 + c] = id;
                }
            }
        return tensor(ids, [batch, length, 16]);
    }

    public static float MaxDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    /// <summary>Pins the intra-op thread count: results differ between 1 and 2 threads (platform.md).</summary>
    public static void PinThreads() => torch.set_num_threads(1);
}
