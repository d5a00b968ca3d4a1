using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Style;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// Folds one style into plain NotaGen weights, so a styled model can leave the workbench as a checkpoint NotaGen's
/// code loads. Only what is exactly foldable: the style embeddings are a constant added to every patch embedding (it
/// joins <c>patch_embedding.bias</c>), and each adapter is a fixed low-rank matrix for a fixed style (it joins its
/// projection's weight: W + (α / r) · Σ_k w_k A_k B_k). The style attention bias is refused: it adds −s · (query −
/// key distance) to the scores, which GPT-2's absolute positions and projections cannot express.
/// </summary>
public static class StyleMerge
{
    private const string AdapterA = ".adapter.lora_a";
    private const string AdapterB = ".adapter.lora_b";
    private const string PatchEmbeddingBias = "patch_level_decoder.patch_embedding.bias";

    /// <summary>
    /// A new plain model (no style mechanism) that computes what <paramref name="model"/> computes for
    /// <paramref name="labels"/>, up to float rounding. Throws <see cref="InvalidOperationException"/> when the model
    /// has a style attention bias.
    /// </summary>
    public static NotaGenModel Merge(NotaGenModel model, StyleRows labels)
    {
        var config = model.Config;
        if (config.Style.AttentionBias)
            throw new InvalidOperationException(
                "this model has a style attention bias (−s · distance added to the patch-level attention scores), which plain " +
                "NotaGen weights cannot express: only style embeddings and adapters can be merged.");
        config.Styles.Check(labels);
        var plain = config with { Style = StyleConditioning.None with { PromptLines = config.Style.PromptLines }, Styles = StyleVocabulary.Empty };
        var merged = NotaGenModel.Create(plain, model.Device);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var source = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        foreach (var (name, parameter) in merged.named_parameters())
            parameter.copy_(source[name]);
        var target = merged.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);

        if (config.Style.Embeddings)
        {
            var table = model.PatchLevel.StyleEmbeddings!;
            target[PatchEmbeddingBias].add_(table.Periods[labels.Period] + table.Composers[labels.Composer]
                + table.Instrumentations[labels.Instrumentation]);
        }
        if (config.Style.Adapters)
        {
            // The rows and equal weights StyleContext gives the adapters of a piece with these labels.
            var (p, c, i) = config.Styles.AdapterRows(labels);
            var scale = config.Style.AdapterAlpha / config.Style.AdapterRank;
            foreach (var nameA in source.Keys.Where(n => n.EndsWith(AdapterA, StringComparison.Ordinal)))
            {
                var projection = nameA[..^AdapterA.Length];
                var (a, b) = (source[nameA], source[projection + AdapterB]);    // [S, in, r], [S, r, out]
                var delta = zeros_like(target[projection + ".weight"]);          // [in, out]
                foreach (var row in new long[] { p, c, i })
                    delta.add_(a[row].matmul(b[row]), alpha: 1.0f / 3);
                target[projection + ".weight"].add_(delta.mul_(scale));
            }
        }
        return merged;
    }
}
