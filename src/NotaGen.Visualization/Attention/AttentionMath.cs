namespace NotaGen.Visualization.Attention;

/// <summary>
/// Arithmetic on attention maps held as plain matrices (rows = queries, columns = keys; each row sums to 1 over the
/// keys it may see): the head average and attention rollout (Abnar &amp; Zuidema 2020).
/// </summary>
public static class AttentionMath
{
    /// <summary>The element-wise mean of the heads of one layer.</summary>
    public static double[][] HeadAverage(IReadOnlyList<double[][]> heads)
    {
        if (heads.Count == 0)
            throw new ArgumentException("no heads to average", nameof(heads));
        var (rows, cols) = (heads[0].Length, heads[0].Length == 0 ? 0 : heads[0][0].Length);
        var mean = Zeros(rows, cols);
        foreach (var head in heads)
        {
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    mean[r][c] += head[r][c] / heads.Count;
        }
        return mean;
    }

    /// <summary>
    /// Attention rollout through the layers: each layer's head-averaged map mixed half-and-half with the identity (the
    /// residual connection), rows renormalised, multiplied from the first layer up. Row q says how much the last layer's
    /// position q draws, through all layers, on each input patch.
    /// </summary>
    public static double[][] Rollout(IReadOnlyList<double[][]> layerAverages)
    {
        if (layerAverages.Count == 0)
            throw new ArgumentException("no layers to roll out", nameof(layerAverages));
        double[][]? result = null;
        foreach (var layer in layerAverages)
        {
            var n = layer.Length;
            var mixed = Zeros(n, n);
            for (var r = 0; r < n; r++)
            {
                var sum = 0.0;
                for (var c = 0; c < n; c++)
                {
                    mixed[r][c] = 0.5 * layer[r][c] + (r == c ? 0.5 : 0);
                    sum += mixed[r][c];
                }
                for (var c = 0; c < n; c++)
                    mixed[r][c] /= sum;
            }
            result = result is null ? mixed : Multiply(mixed, result);
        }
        return result!;
    }

    public static double[][] Multiply(double[][] a, double[][] b)
    {
        var (n, m, p) = (a.Length, b.Length, b.Length == 0 ? 0 : b[0].Length);
        var product = Zeros(n, p);
        for (var i = 0; i < n; i++)
            for (var k = 0; k < m; k++)
            {
                var aik = a[i][k];
                if (aik == 0)
                    continue;
                for (var j = 0; j < p; j++)
                    product[i][j] += aik * b[k][j];
            }
        return product;
    }

    private static double[][] Zeros(int rows, int cols) => [.. Enumerable.Range(0, rows).Select(_ => new double[cols])];
}
