using System.Text.Json;
using NotaGen.Modeling.Weights;

namespace NotaGen.Modeling.Parity;

/// <summary>
/// What NotaGen's own PyTorch code computes from a checkpoint (the oracle's <c>*.reference.json</c>): the input
/// patches, the patch-level hidden states, the training-path character logits and loss, and the probabilities of
/// <c>CharLevelDecoder.generate</c> for a prefix (whose first id, BOS, stands for the patch state).
/// </summary>
public sealed record NotaGenReference(
    int Hidden, int PatchLayers, int CharLayers, int PatchLength, int PatchSize,
    long[][] Patches, float[][] HiddenStates, float[][][] CharLogits, double Loss,
    long[] GeneratePrefix, float[] GenerateProbabilities)
{
    public static NotaGenReference Load(string path)
    {
        if (!File.Exists(path)) throw new WeightFileException(path, "the reference file does not exist");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var config = root.GetProperty("config");
            return new NotaGenReference(
                config.GetProperty("hidden").GetInt32(), config.GetProperty("patch_layers").GetInt32(),
                config.GetProperty("char_layers").GetInt32(), config.GetProperty("patch_length").GetInt32(),
                config.GetProperty("patch_size").GetInt32(),
                Matrix(root.GetProperty("patches"), e => e.GetInt64()),
                Matrix(root.GetProperty("hidden"), e => e.GetSingle()),
                root.GetProperty("char_logits").EnumerateArray().Select(m => Matrix(m, e => e.GetSingle())).ToArray(),
                root.GetProperty("loss").GetDouble(),
                root.GetProperty("generate_prefix").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                root.GetProperty("generate_probabilities").EnumerateArray().Select(e => e.GetSingle()).ToArray());
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new WeightFileException(path, $"not a NotaGen reference file (config, patches, hidden, char_logits, loss, generate_prefix, generate_probabilities): {error.Message}");
        }
    }

    private static T[][] Matrix<T>(JsonElement element, Func<JsonElement, T> read) =>
        element.EnumerateArray().Select(row => row.EnumerateArray().Select(read).ToArray()).ToArray();
}
