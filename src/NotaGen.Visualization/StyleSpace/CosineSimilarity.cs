namespace NotaGen.Visualization.StyleSpace;

/// <summary>Pairwise cosine similarity of vectors; a zero vector (an untrained style row) has similarity 0 to everything.</summary>
public static class CosineSimilarity
{
    public static double[][] Matrix(IReadOnlyList<IReadOnlyList<double>> vectors)
    {
        var norms = vectors.Select(v => Math.Sqrt(v.Sum(x => x * x))).ToArray();
        var n = vectors.Count;
        var matrix = Enumerable.Range(0, n).Select(_ => new double[n]).ToArray();
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
            {
                var dot = 0.0;
                for (var d = 0; d < vectors[i].Count; d++)
                    dot += vectors[i][d] * vectors[j][d];
                var denominator = norms[i] * norms[j];
                matrix[i][j] = matrix[j][i] = denominator == 0 ? 0 : dot / denominator;
            }
        return matrix;
    }
}
