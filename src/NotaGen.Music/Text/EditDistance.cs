namespace NotaGen.Music.Text;

/// <summary>
/// Levenshtein distance of sequences (ABC bars for near-duplicate detection, names for prompt suggestions, bar ids for
/// novelty), with a bound: only the diagonal band |i - j| ≤ bound is filled, so a pair costs O(n·bound).
/// </summary>
public static class EditDistance
{
    /// <summary>The edit distance of <paramref name="a"/> and <paramref name="b"/> when it is at most <paramref name="bound"/>, else null.</summary>
    public static int? Within(string a, string b, int bound) => Within(a.AsSpan(), b.AsSpan(), bound, EqualityComparer<char>.Default);

    /// <summary>
    /// The edit distance of two sequences when it is at most <paramref name="bound"/>, else null; <paramref name="comparer"/>
    /// decides which elements match (it need not be reflexive: novelty's unseen bars match nothing, not even themselves).
    /// </summary>
    public static int? Within<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int bound, IEqualityComparer<T> comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        if (bound < 0 || Math.Abs(a.Length - b.Length) > bound) return null;
        const int Far = int.MaxValue / 2;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j <= bound ? j : Far;
        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - bound);
            var to = Math.Min(b.Length, i + bound);
            current[0] = i <= bound ? i : Far;
            if (from > 1) current[from - 1] = Far;
            var rowMin = current[0];
            for (var j = from; j <= to; j++)
            {
                var substitute = previous[j - 1] + (comparer.Equals(a[i - 1], b[j - 1]) ? 0 : 1);
                var delete = previous[j] + 1;
                var insert = current[j - 1] + 1;
                current[j] = Math.Min(substitute, Math.Min(delete, insert));
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (to < b.Length) current[to + 1] = Far;
            if (rowMin > bound) return null;
            (previous, current) = (current, previous);
        }
        return previous[b.Length] <= bound ? previous[b.Length] : null;
    }

    /// <summary>Edit distance over the longer length (0 = equal, 1 = nothing in common).</summary>
    public static double Normalized(string a, string b)
    {
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 0 : (double)Within(a, b, longest)!.Value / longest;
    }
}
