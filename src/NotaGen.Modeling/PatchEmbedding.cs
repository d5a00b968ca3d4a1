using NotaGen.Modeling.Layers;
using NotaGen.Modeling.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Modeling;

/// <summary>
/// NotaGen's patch embedding (key <c>patch_embedding</c>, an <c>nn.Linear(16 · 128, H)</c>, weight [H, 2048]):
/// one-hot each of the 16 character ids over 128 classes, flatten, project. Computed as the sum of the weight columns
/// the ones select (the same function, without materialising the one-hot tensor).
/// </summary>
public sealed class PatchEmbedding : ExplicitModule
{
    private readonly TorchSharp.Modules.Parameter weight;
    private readonly TorchSharp.Modules.Parameter bias;
    private readonly long patchSize;
    private readonly long vocabulary;

    public PatchEmbedding(long patchSize, long vocabulary, long hiddenSize, ParameterInit init) : base(nameof(PatchEmbedding))
    {
        this.patchSize = patchSize;
        this.vocabulary = vocabulary;
        weight = init.Normal([hiddenSize, patchSize * vocabulary]);
        bias = init.Zeros(hiddenSize);
        register_parameter("weight", weight);
        register_parameter("bias", bias);
    }

    // patches: [B, T, 16] long → [B, T, H]
    public Tensor forward(Tensor patches)
    {
        var (batch, length) = (patches.shape[0], patches.shape[1]);
        // Column of character k with id c in the flattened one-hot: k · 128 + c.
        var offsets = arange(0, patchSize * vocabulary, vocabulary, ScalarType.Int64, patches.device); // [16]
        var columns = (patches + offsets).view(-1);                                                      // [B·T·16]
        var picked = weight.t().index_select(0, columns).view(batch, length, patchSize, -1);             // [B, T, 16, H]
        return picked.sum(2) + bias;
    }
}
