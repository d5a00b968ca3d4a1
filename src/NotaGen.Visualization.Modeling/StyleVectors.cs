using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Style;
using NotaGen.Tokenization;
using NotaGen.Visualization.StyleSpace;
using static TorchSharp.torch;

namespace NotaGen.Visualization.Modeling;

/// <summary>
/// A model's style spaces as plain vectors: the rows of its style embedding tables, the low-rank updates of its style
/// adapters (ΔW = A·B of every adapted projection, concatenated), and mean-pooled patch-level hidden states of pieces.
/// </summary>
public static class StyleVectors
{
    public enum Axis
    {
        Period,
        Composer,
        Instrumentation,
    }

    /// <summary>Rows of one style table; <paramref name="group"/> names each value's colour (e.g. a composer's period).</summary>
    public static IReadOnlyList<StyleVector> Embeddings(NotaGenModel model, Axis axis, Func<string, string?>? group = null)
    {
        var tables = model.PatchLevel.StyleEmbeddings
            ?? throw new InvalidOperationException("this model has no style embeddings (config style.embeddings is off)");
        var (table, names) = axis switch
        {
            Axis.Period => (tables.Periods, model.Config.Styles.Periods),
            Axis.Composer => (tables.Composers, model.Config.Styles.Composers),
            _ => (tables.Instrumentations, model.Config.Styles.Instrumentations),
        };
        var rows = Rows(table);
        return [.. names.Select((name, i) => new StyleVector(name, group?.Invoke(name) ?? (axis == Axis.Period ? name : null), rows[i]))];
    }

    /// <summary>
    /// One vector per style value (periods, composers, instrumentations in the adapter table's order): the flattened
    /// low-rank updates A·B of every adapted projection of every layer.
    /// </summary>
    public static IReadOnlyList<StyleVector> Adapters(NotaGenModel model, Func<string, string?>? group = null)
    {
        var styles = model.Config.Styles;
        var names = styles.Periods.Select(p => $"period: {p}")
            .Concat(styles.Composers.Select(c => $"composer: {c}"))
            .Concat(styles.Instrumentations.Select(i => $"instrumentation: {i}")).ToList();
        var raw = styles.Periods.Concat(styles.Composers).Concat(styles.Instrumentations).ToList();
        var updates = new List<double>[names.Count];
        for (var i = 0; i < updates.Length; i++)
            updates[i] = [];
        var any = false;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            foreach (var (name, parameter) in model.AdapterParameters().Where(p => p.Name.EndsWith("lora_a", StringComparison.Ordinal)))
            {
                var b = model.AdapterParameters().Single(p => p.Name == name[..^"lora_a".Length] + "lora_b").Parameter;
                var delta = matmul(parameter, b).reshape(parameter.shape[0], -1).to_type(ScalarType.Float64).cpu(); // [S, in·out]
                for (var s = 0; s < names.Count; s++)
                    updates[s].AddRange(delta[s].data<double>().ToArray());
                any = true;
            }
        }
        if (!any)
            throw new InvalidOperationException("this model has no style adapters (config style.adapters is off)");
        return [.. names.Select((n, s) => new StyleVector(n, group?.Invoke(raw[s]) ?? names[s][..names[s].IndexOf(':')], updates[s]))];
    }

    /// <summary>The mean of a piece's patch-level hidden states (after the last layer norm), [H].</summary>
    public static double[] MeanHiddenState(NotaGenModel model, IReadOnlyList<Patch> patches, StyleRows? style = null)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var kept = patches.Take(model.Config.PatchLength).ToList();
            var ids = tensor(kept.SelectMany(p => p.Select(id => (long)id)).ToArray(), [1, kept.Count, model.Config.PatchSize], ScalarType.Int64).to(model.Device);
            using var context = style is { } s ? model.StyleFor([s]) : null;
            var hidden = model.PatchLevel.forward(ids, style: context);   // [1, L, H]
            return hidden.mean([1]).squeeze(0).to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    private static double[][] Rows(Tensor table)
    {
        using var noGrad = no_grad();
        var (rows, cols) = ((int)table.shape[0], (int)table.shape[1]);
        var data = table.detach().to_type(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
        return [.. Enumerable.Range(0, rows).Select(r => data.AsSpan(r * cols, cols).ToArray())];
    }
}
