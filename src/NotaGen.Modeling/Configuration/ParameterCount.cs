namespace NotaGen.Modeling.Configuration;

/// <summary>
/// Parameter counts computed from a configuration without building the model (a 515M-parameter model is 2 GB).
/// Tests check these formulas against the real modules. The tied LM head is counted once, as PyTorch does.
/// </summary>
public sealed record ParameterCount(long PatchLevel, long CharLevel, long StyleEmbeddings, long StyleAdapters, long StyleAttentionBias)
{
    public long Total => PatchLevel + CharLevel + StyleEmbeddings + StyleAdapters + StyleAttentionBias;

    public static ParameterCount Of(NotaGenConfig config)
    {
        long h = config.HiddenSize;
        // GPT-2 block: ln_1, c_attn (h → 3h), attn.c_proj, ln_2, c_fc (h → 4h), mlp.c_proj; all with biases.
        var block = 12 * h * h + 13 * h;
        var patchEmbedding = (long)config.PatchSize * config.VocabularySize * h + h;
        // The patch-level GPT-2 keeps NotaGen's unused 1 × h token embedding so the shapes match its checkpoints.
        var patchLevel = patchEmbedding + h + (long)config.PatchLength * h + config.PatchLayers * block + 2 * h;
        var charLevel = (long)config.VocabularySize * h + (long)config.CharPositions * h + config.CharLayers * block + 2 * h;

        var styles = config.Styles;
        var values = (long)styles.Count;
        var embeddings = config.Style.Embeddings ? values * h : 0;
        long adapters = 0;
        if (config.Style.Adapters)
        {
            long r = config.Style.AdapterRank;
            // Per adapted layer: c_attn (h → 3h), attn.c_proj (h → h), c_fc (h → 4h), mlp.c_proj (4h → h); A is in × r, B is r × out.
            var perValue = r * ((h + 3 * h) + (h + h) + (h + 4 * h) + (4 * h + h));
            var layers = Enumerable.Range(0, config.PatchLayers).Count(config.HasAdapters);
            adapters = layers * values * perValue;
        }
        var bias = config.Style.AttentionBias ? values * config.PatchLayers * config.Heads : 0;
        return new ParameterCount(patchLevel, charLevel, embeddings, adapters, bias);
    }
}
