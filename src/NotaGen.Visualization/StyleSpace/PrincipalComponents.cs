using MathNet.Numerics.LinearAlgebra;

namespace NotaGen.Visualization.StyleSpace;

/// <summary>
/// PCA of a few vectors in a high-dimensional space (style tables: tens of rows; adapter weights: hundreds of thousands
/// of dimensions). Centred, then the eigen-decomposition of the n × n Gram matrix, which gives the same scores as an
/// SVD of the data at the cost of n, not the dimension. Component signs are fixed so the largest |score| is positive,
/// so the picture does not flip between runs.
/// </summary>
public sealed record PrincipalComponents(IReadOnlyList<double[]> Scores, IReadOnlyList<double> ExplainedVariance)
{
    public static PrincipalComponents Of(IReadOnlyList<IReadOnlyList<double>> vectors, int components = 2)
    {
        var n = vectors.Count;
        if (n < 2)
            throw new ArgumentException($"PCA needs at least 2 vectors, got {n}", nameof(vectors));
        var dimension = vectors[0].Count;
        if (vectors.Any(v => v.Count != dimension))
            throw new ArgumentException("all vectors must have the same length", nameof(vectors));

        var mean = new double[dimension];
        foreach (var v in vectors)
            for (var d = 0; d < dimension; d++)
                mean[d] += v[d] / n;
        var gram = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
            {
                var dot = 0.0;
                for (var d = 0; d < dimension; d++)
                    dot += (vectors[i][d] - mean[d]) * (vectors[j][d] - mean[d]);
                gram[i, j] = gram[j, i] = dot;
            }

        var evd = gram.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderByDescending(k => evd.EigenValues[k].Real).ToList();
        var total = order.Sum(k => Math.Max(0, evd.EigenValues[k].Real));
        var kept = Math.Min(components, n);
        var scores = Enumerable.Range(0, n).Select(_ => new double[kept]).ToArray();
        var explained = new double[kept];
        for (var c = 0; c < kept; c++)
        {
            var k = order[c];
            var eigenvalue = Math.Max(0, evd.EigenValues[k].Real);
            explained[c] = total > 0 ? eigenvalue / total : 0;
            var column = evd.EigenVectors.Column(k);
            // Scores of the centred data on component c: u_k · sqrt(λ_k).
            var scale = Math.Sqrt(eigenvalue);
            var sign = column.AbsoluteMaximum() == column.Maximum() ? 1.0 : -1.0;
            for (var i = 0; i < n; i++)
                scores[i][c] = sign * column[i] * scale;
        }
        return new PrincipalComponents(scores, explained);
    }
}
