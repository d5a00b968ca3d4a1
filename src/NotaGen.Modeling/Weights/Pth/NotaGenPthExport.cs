using static TorchSharp.torch;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// A workbench model as a checkpoint NotaGen's scripts load strictly (<c>model.load_state_dict(torch.load(f)['model'])</c>):
/// NotaGen's key names, no <c>attn.bias</c>/<c>masked_bias</c> buffers, <c>lm_head.weight</c> as a view of the
/// character embedding's storage. Only plain NotaGen models: NotaGen's code has no style embeddings, adapters or
/// style attention bias.
/// </summary>
public static class NotaGenPthExport
{
    public static void Write(NotaGenModel model, string path)
    {
        var style = model.Config.Style;
        if (style.UsesLabels)
        {
            var mechanisms = new[] { (style.Embeddings, "style embeddings"), (style.Adapters, "style adapters"), (style.AttentionBias, "a style attention bias") }
                .Where(m => m.Item1).Select(m => m.Item2);
            throw new InvalidOperationException(
                $"this model has {string.Join(" and ", mechanisms)}, which NotaGen's code does not have: a NotaGen checkpoint cannot hold it. " +
                "Export a model trained without style conditioning.");
        }
        const string CharEmbedding = "char_level_decoder.base.transformer.wte.weight";
        var entries = model.named_parameters().Select(p => new PthWriter.Entry(p.name, p.parameter)).ToList();
        var embedding = entries.Single(e => e.Name == CharEmbedding).Tensor;
        entries.Add(new PthWriter.Entry(ModelDirectory.TiedHead, embedding, CharEmbedding));
        using var noGrad = no_grad();
        PthWriter.WriteModelCheckpoint(path, entries);
    }
}
