using NotaGen.Modeling.Configuration;
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
    private const string CharEmbedding = "char_level_decoder.base.transformer.wte.weight";

    public static void Write(NotaGenModel model, string path)
    {
        RefuseStyle(model.Config);
        using var noGrad = no_grad();
        PthWriter.WriteModelCheckpoint(path, StateDictOf(model.named_parameters().Select(p => (p.name, (Tensor)p.parameter))).Entries);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the mechanisms a NotaGen checkpoint cannot hold.</summary>
    public static void RefuseStyle(NotaGenConfig config)
    {
        var style = config.Style;
        if (!style.UsesLabels) return;
        var mechanisms = new[] { (style.Embeddings, "style embeddings"), (style.Adapters, "style adapters"), (style.AttentionBias, "a style attention bias") }
            .Where(m => m.Item1).Select(m => m.Item2);
        throw new InvalidOperationException(
            $"this model has {string.Join(" and ", mechanisms)}, which NotaGen's code does not have: a NotaGen checkpoint cannot hold it. " +
            "Export a model trained without style conditioning.");
    }

    /// <summary>
    /// NotaGen's state dict from the parameters in <c>named_parameters()</c> order (which is NotaGen's
    /// <c>model.parameters()</c> order), with the tied <c>lm_head.weight</c> added as a view of the character embedding.
    /// </summary>
    public static PthWriter.StateDict StateDictOf(IEnumerable<(string Name, Tensor Tensor)> parameters)
    {
        var entries = parameters.Select(p => new PthWriter.Entry(p.Name, p.Tensor)).ToList();
        var embedding = entries.Single(e => e.Name == CharEmbedding).Tensor;
        entries.Add(new PthWriter.Entry(ModelDirectory.TiedHead, embedding, CharEmbedding));
        return new PthWriter.StateDict(entries);
    }
}
