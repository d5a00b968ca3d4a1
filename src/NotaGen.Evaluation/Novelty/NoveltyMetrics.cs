using NotaGen.Music.Text;

namespace NotaGen.Evaluation.Novelty;

/// <param name="LongestCopiedRun">Most consecutive bars that also occur consecutively in one training piece.</param>
/// <param name="CopiedFrom">That training piece, or null when no bar is copied.</param>
/// <param name="NGramOverlap">Share of the piece's bar n-grams found in the training set (NaN when it has fewer than n bars).</param>
/// <param name="NearestSimilarity">1 − Levenshtein / max length over bar-id sequences, for the nearest training piece.</param>
/// <param name="Nearest">The nearest training piece.</param>
public sealed record NoveltyReport(int LongestCopiedRun, string? CopiedFrom, double NGramOverlap, double NearestSimilarity, string? Nearest)
{
    /// <summary>NotaGen drops generated pieces more similar than this to a training piece.</summary>
    public const double NotaGenCopyThreshold = 0.95;

    public bool IsCopy => NearestSimilarity > NotaGenCopyThreshold;
}

/// <summary>
/// Novelty and copying against training pieces, all at the bar level (a bar is one token; equal when it sounds the
/// same in every voice). The edit similarity is TunesFormer's / NotaGen's normalised Levenshtein, but over bars rather
/// than characters: characters would cost minutes per piece against a corpus, and bar tokens ignore spelling
/// differences that do not change the music.
/// </summary>
public static class NoveltyMetrics
{
    public static NoveltyReport Measure(IReadOnlyList<string> barKeys, BarSequenceIndex training)
    {
        ArgumentNullException.ThrowIfNull(barKeys);
        ArgumentNullException.ThrowIfNull(training);
        var piece = training.Encode(barKeys);
        var (run, source) = LongestCopiedRun(piece, training);
        var grams = BarSequenceIndex.NGrams(piece, training.NGram).ToList();
        var overlap = grams.Count == 0 ? double.NaN : (double)grams.Count(training.ContainsNGram) / grams.Count;
        var best = double.NaN;
        string? nearest = null;
        for (var i = 0; i < training.Count; i++)
        {
            var similarity = EditSimilarity(piece, training.Pieces[i]);
            if (double.IsNaN(best) || similarity > best)
            {
                best = similarity;
                nearest = training.Name(i);
            }
        }
        return new NoveltyReport(run, run == 0 ? null : training.Name(source), overlap, best, nearest);
    }

    /// <summary>Longest common run of consecutive bars between the piece and any one training piece.</summary>
    public static (int Length, int Piece) LongestCopiedRun(int[] piece, BarSequenceIndex training)
    {
        ArgumentNullException.ThrowIfNull(piece);
        ArgumentNullException.ThrowIfNull(training);
        var best = (Length: 0, Piece: -1);
        for (var start = 0; start < piece.Length; start++)
        {
            if (piece.Length - start <= best.Length) break;
            foreach (var (other, position) in training.Occurrences(piece[start]))
            {
                // Only runs that start here: a run that could extend to the left was found from an earlier start.
                if (start > 0 && position > 0 && piece[start - 1] >= 0 && piece[start - 1] == training.Pieces[other][position - 1])
                    continue;
                var sequence = training.Pieces[other];
                var length = 0;
                while (start + length < piece.Length && position + length < sequence.Length && piece[start + length] == sequence[position + length])
                    length++;
                if (length > best.Length) best = (length, other);
            }
        }
        return best;
    }

    /// <summary>1 − lev(a, b) / max(|a|, |b|); 1 for two empty sequences. Ids below 0 match nothing.</summary>
    public static double EditSimilarity(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 1 : 1 - (double)Levenshtein(a, b) / longest;
    }

    public static int Levenshtein(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return EditDistance.Within<int>(a, b, Math.Max(a.Length, b.Length), SeenBarComparer.Instance)!.Value;
    }

    /// <summary>Bar ids match when equal and seen in training (ids below 0 are unseen bars, which match nothing).</summary>
    private sealed class SeenBarComparer : IEqualityComparer<int>
    {
        public static readonly SeenBarComparer Instance = new();
        public bool Equals(int x, int y) => x >= 0 && x == y;
        public int GetHashCode(int id) => id;
    }
}
