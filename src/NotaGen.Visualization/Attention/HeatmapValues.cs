namespace NotaGen.Visualization.Attention;

/// <summary>
/// Attention maps as a notebook stores them: a chart's figure JSON is saved with every number on its own indented
/// line (nbformat's writer), so a 48-patch grid of 16 heads took 1 MB of a 2.4 MB notebook. Two savings that change
/// nothing a reader sees: values rounded to a thousandth of the map's top decade (a colour scale shows far fewer
/// levels), and the cells right of the diagonal left out of a causal map, where every weight is exactly zero because
/// the decoder cannot look ahead (plotly.js draws missing cells as gaps; rows may have different lengths).
/// </summary>
public static class HeatmapValues
{
    /// <summary>Significant digits kept at the top of the map's range.</summary>
    public const int Digits = 4;

    public static double[][] Compact(double[][] weights)
    {
        var decimals = DecimalsFor(weights);
        var causal = IsCausal(weights);
        return [.. weights.Select((row, query) =>
            (causal ? row.AsSpan(0, query + 1).ToArray() : row).Select(v => Math.Round(v, decimals)).ToArray())];
    }

    /// <summary>A square map whose every cell right of the diagonal is exactly zero.</summary>
    public static bool IsCausal(double[][] weights)
    {
        for (var query = 0; query < weights.Length; query++)
        {
            if (weights[query].Length != weights.Length)
                return false;
            for (var key = query + 1; key < weights.Length; key++)
                if (weights[query][key] != 0)
                    return false;
        }
        return weights.Length > 0;
    }

    private static int DecimalsFor(double[][] weights)
    {
        var top = weights.SelectMany(r => r).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (top == 0)
            return 0;
        return Math.Clamp(Digits - 1 - (int)Math.Floor(Math.Log10(top)), 0, 15);
    }
}
