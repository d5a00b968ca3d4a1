using NotaGen.Modeling;
using NotaGen.Modeling.Attention;
using NotaGen.Modeling.Configuration;
using NotaGen.Tokenization;
using NotaGen.Visualization.Attention;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using static TorchSharp.torch;

namespace NotaGen.Visualization.Modeling;

/// <summary>
/// The attention of one piece through a model, copied out of torch into plain arrays: patch level
/// [layer][head][query][key] over the piece's patches, character level [layer][predicted patch − 1][head][16][16].
/// Charts label patches by bar and voice (<see cref="PatchAxis"/>).
/// </summary>
public sealed class AttentionMaps
{
    private readonly double[][][][] patch;
    private readonly float[][] charLevel;   // per layer: [L − 1, heads, 16, 16] flattened
    private readonly int charPositions;

    private AttentionMaps(IReadOnlyList<Patch> patches, double[][][][] patch, float[][] charLevel, int heads, int charPositions)
    {
        Patches = patches;
        this.patch = patch;
        this.charLevel = charLevel;
        Heads = heads;
        this.charPositions = charPositions;
        Labels = PatchAxis.Describe(patches);
    }

    public IReadOnlyList<Patch> Patches { get; }

    public IReadOnlyList<PatchAxis.PatchLabel> Labels { get; }

    public IReadOnlyList<string> AxisLabels => [.. Labels.Select(l => l.Label)];

    public int PatchLayers => patch.Length;

    public int CharLayers => charLevel.Length;

    public int Heads { get; }

    /// <summary>Runs the model on the patches (crop to its context first) and keeps every attention map.</summary>
    public static AttentionMaps Capture(NotaGenModel model, IReadOnlyList<Patch> patches, StyleRows? style = null)
    {
        if (patches.Count < 2)
            throw new ArgumentException("attention needs at least two patches (BOS and one more)", nameof(patches));
        if (patches.Count > model.Config.PatchLength)
            throw new ArgumentException($"{patches.Count} patches do not fit the model's context of {model.Config.PatchLength}; take the first {model.Config.PatchLength}", nameof(patches));
        using var scope = NewDisposeScope();
        var ids = tensor(patches.SelectMany(p => p.Select(id => (long)id)).ToArray(), [1, patches.Count, model.Config.PatchSize], ScalarType.Int64);
        using var capture = model.CaptureAttention(ids.to(model.Device), style);
        var heads = model.Config.Heads;
        var patchMaps = Enumerable.Range(0, capture.LayerCount(AttentionLevel.Patch))
            .Select(layer => ToHeads(capture[AttentionLevel.Patch, layer].select(0, 0)))  // [heads, L, L]
            .ToArray();
        var charMaps = Enumerable.Range(0, capture.LayerCount(AttentionLevel.Char))
            .Select(layer => capture[AttentionLevel.Char, layer].to_type(ScalarType.Float32).contiguous().data<float>().ToArray())
            .ToArray();
        return new AttentionMaps(patches, patchMaps, charMaps, heads, model.Config.PatchSize);
    }

    /// <summary>Patch-level weights of one head of one layer, [query][key].</summary>
    public double[][] Patch(int layer, int head) => patch[layer][head];

    public IReadOnlyList<double[][]> Layer(int layer) => patch[layer];

    public double[][] HeadAverage(int layer) => AttentionMath.HeadAverage(patch[layer]);

    public double[][] Rollout() => AttentionMath.Rollout([.. Enumerable.Range(0, PatchLayers).Select(HeadAverage)]);

    /// <summary>
    /// Character-level weights while writing patch <paramref name="targetPatch"/> (1 … L − 1): 16 × 16, position 0 is the
    /// patch-level state, position k the patch's character k − 1; row k predicts character k.
    /// </summary>
    public double[][] Char(int layer, int head, int targetPatch)
    {
        if (targetPatch < 1 || targetPatch >= Patches.Count)
            throw new ArgumentOutOfRangeException(nameof(targetPatch), targetPatch, $"patches 1..{Patches.Count - 1} are predicted (patch 0 is BOS)");
        var n = charPositions;
        var offset = ((targetPatch - 1) * Heads + head) * n * n;
        return [.. Enumerable.Range(0, n).Select(q => Enumerable.Range(0, n).Select(k => (double)charLevel[layer][offset + q * n + k]).ToArray())];
    }

    /// <summary>Key labels (the state, then the characters fed in) and query labels (the character predicted) of a patch.</summary>
    public (IReadOnlyList<string> Keys, IReadOnlyList<string> Queries) CharLabels(int targetPatch)
    {
        var glyphs = Patches[targetPatch].Select(Tokens.TokenView.Glyph).ToList();
        var keys = new List<string> { "state" };
        keys.AddRange(glyphs.Take(charPositions - 1).Select((g, i) => $"{i}:{g}"));
        return (keys, [.. glyphs.Select((g, i) => $"→{i}:{g}")]);
    }

    public GenericChart PatchChart(int layer, int head) =>
        AttentionHeatmaps.PatchMap(Patch(layer, head), AxisLabels, $"patch attention, layer {layer}, head {head}");

    public GenericChart HeadAverageChart(int layer) =>
        AttentionHeatmaps.PatchMap(HeadAverage(layer), AxisLabels, $"patch attention, layer {layer}, mean of {Heads} heads");

    public GenericChart RolloutChart() =>
        AttentionHeatmaps.PatchMap(Rollout(), AxisLabels, $"attention rollout through {PatchLayers} layers");

    public GenericChart LayerHeadGrid() =>
        AttentionHeatmaps.LayerHeadGrid([.. Enumerable.Range(0, PatchLayers).Select(Layer)], AxisLabels, "patch attention: every layer and head");

    public GenericChart CharChart(int layer, int head, int targetPatch)
    {
        var (keys, queries) = CharLabels(targetPatch);
        return AttentionHeatmaps.Heatmap(Char(layer, head, targetPatch), queries, keys,
            $"character attention writing patch {Labels[targetPatch].Label}, layer {layer}, head {head}");
    }

    /// <summary>A map averaged by bar (see <see cref="AttentionByBar"/>): which earlier bars each bar draws on.</summary>
    public GenericChart BarChart(double[][] map, string title)
    {
        var byBar = AttentionByBar.Aggregate(map, Labels);
        return AttentionHeatmaps.Heatmap(byBar.Weights, byBar.Groups, byBar.Groups, title);
    }

    private static double[][][] ToHeads(Tensor map)
    {
        var (heads, queries, keys) = ((int)map.shape[0], (int)map.shape[1], (int)map.shape[2]);
        var data = map.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return [.. Enumerable.Range(0, heads).Select(h => Enumerable.Range(0, queries)
            .Select(q => data.AsSpan((h * queries + q) * keys, keys).ToArray()).ToArray())];
    }
}
