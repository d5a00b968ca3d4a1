using NotaGen.Modeling.Configuration;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Style;

/// <summary>
/// The style labels of a batch, as tensors on the model's device, ready for the style tables, adapters and attention
/// bias. Adapters mix the piece's three style values (period, composer, instrumentation) with equal weights 1/3.
/// </summary>
public sealed class StyleContext : IDisposable
{
    private StyleContext(Tensor labels, Tensor adapterRows, Tensor adapterWeights)
    {
        Labels = labels;
        AdapterRows = adapterRows;
        AdapterWeights = adapterWeights;
    }

    /// <summary>[B, 3] long: period, composer, instrumentation index per piece.</summary>
    public Tensor Labels { get; }

    /// <summary>[B, 3] long: rows of the combined adapter table (periods, composers, instrumentations).</summary>
    public Tensor AdapterRows { get; }

    /// <summary>[B, 3] float: mixing weight of each of the piece's adapters.</summary>
    public Tensor AdapterWeights { get; }

    public static StyleContext Create(IReadOnlyList<StyleRows> labels, StyleVocabulary vocabulary, Device device)
    {
        if (labels.Count == 0) throw new ArgumentException("A style context needs at least one piece's labels.", nameof(labels));
        var flat = new long[labels.Count * 3];
        var rows = new long[labels.Count * 3];
        for (var i = 0; i < labels.Count; i++)
        {
            var (p, c, n) = vocabulary.AdapterRows(labels[i]);
            (flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]) = (labels[i].Period, labels[i].Composer, labels[i].Instrumentation);
            (rows[3 * i], rows[3 * i + 1], rows[3 * i + 2]) = (p, c, n);
        }
        return new StyleContext(
            tensor(flat, [labels.Count, 3], device: device).DetachFromDisposeScope(),
            tensor(rows, [labels.Count, 3], device: device).DetachFromDisposeScope(),
            full(labels.Count, 3, 1.0f / 3, device: device).DetachFromDisposeScope());
    }

    public static StyleContext? CreateIfUsed(NotaGenConfig config, IReadOnlyList<StyleRows>? labels, Device device)
    {
        var used = config.Style.UsesLabels;
        return used && labels is not null ? Create(labels, config.Styles, device) : null;
    }

    public void Dispose()
    {
        Labels.Dispose();
        AdapterRows.Dispose();
        AdapterWeights.Dispose();
    }
}
