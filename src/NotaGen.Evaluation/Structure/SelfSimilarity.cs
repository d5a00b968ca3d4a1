using NotaGen.Evaluation.Pieces;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.Structure;

/// <summary>
/// Bar-level structure. Each bar becomes a vector: its duration-weighted pitch-class histogram (12) followed by its
/// onset pattern on a grid of <see cref="GridPerBar"/> positions (1 where some note starts). The self-similarity
/// matrix holds the cosine of every pair of bars (0 when a bar is empty); intra-similarity is the mean of its
/// off-diagonal entries (MuPT's definition, on these features instead of VAE latents). The repetition rate is the
/// share of non-empty bars that sound exactly like an earlier bar.
/// </summary>
public static class SelfSimilarity
{
    public const int GridPerBar = 48;

    public static double[] BarVector(PieceBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        var vector = new double[12 + GridPerBar];
        foreach (var note in bar.Notes)
        {
            vector[note.Pitch % 12] += note.Duration.ToDouble();
            if (bar.Length.IsPositive)
            {
                var position = ((note.Onset - bar.Start) / bar.Length * GridPerBar).Floor();
                if (position >= 0 && position < GridPerBar)
                    vector[12 + position] = 1;
            }
        }
        return vector;
    }

    public static double[,] Matrix(IReadOnlyList<PieceBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var vectors = bars.Select(BarVector).ToList();
        var matrix = new double[bars.Count, bars.Count];
        for (var i = 0; i < bars.Count; i++)
            for (var j = 0; j < bars.Count; j++)
                matrix[i, j] = Cosine(vectors[i], vectors[j]);
        return matrix;
    }

    /// <summary>Mean off-diagonal entry of the self-similarity matrix; NaN with fewer than two bars.</summary>
    public static double IntraSimilarity(IReadOnlyList<PieceBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var n = bars.Count;
        if (n < 2) return double.NaN;
        var matrix = Matrix(bars);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) sum += matrix[i, j];
        return sum / (n * (double)(n - 1));
    }

    /// <summary>Share of non-empty bars equal (same notes, same rhythm, all voices) to some earlier bar; NaN without notes.</summary>
    public static double RepetitionRate(IReadOnlyList<PieceBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counted = 0;
        var repeats = 0;
        foreach (var bar in bars.Where(b => !b.IsEmpty))
        {
            counted++;
            if (!seen.Add(bar.Key)) repeats++;
        }
        return counted == 0 ? double.NaN : (double)repeats / counted;
    }

    /// <summary>Cosine similarity; 0 when either vector is all zeros.</summary>
    public static double Cosine(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
