using NotaGen.Corpus.Output;
using NotaGen.Music.Text;

namespace NotaGen.Corpus.Splitting;

/// <summary>
/// Near-duplicate detection for pieces without a <c>dup_group</c> (user folders): two pieces are near-duplicates when
/// the normalized edit distance of their first <see cref="NearDuplicateOptions.Bars"/> bars (interleaved body lines,
/// whitespace removed) is at most <see cref="NearDuplicateOptions.Threshold"/>. Comparing every pair is quadratic, so
/// candidates are pieces of the same meter that share one identical bar line among those first bars; a bar line shared
/// by more than <see cref="NearDuplicateOptions.MaxBucket"/> pieces (a rest bar, a cadence formula) proposes no pairs.
/// Near-duplicates are joined transitively; each cluster is named by its first piece in build order.
/// </summary>
public static class NearDuplicates
{
    /// <summary>For each piece index in a cluster of two or more, the id of the cluster's first piece.</summary>
    public static IReadOnlyDictionary<int, string> Find(IReadOnlyList<CorpusPiece> pieces, NearDuplicateOptions options)
    {
        var candidates = Enumerable.Range(0, pieces.Count).Where(i => pieces[i].DupGroup is null).ToList();
        var openings = new Dictionary<int, (string Text, string[] Bars)>();
        foreach (var i in candidates)
        {
            var bars = OpeningBars(pieces[i].Abc, options.Bars);
            if (bars.Length > 0) openings[i] = (string.Join("\n", bars), bars);
        }

        var buckets = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (i, opening) in openings)
            foreach (var bar in opening.Bars.Distinct(StringComparer.Ordinal))
            {
                var key = pieces[i].Meter + "\u0001" + bar;
                if (!buckets.TryGetValue(key, out var list)) buckets[key] = list = [];
                list.Add(i);
            }

        var parent = Enumerable.Range(0, pieces.Count).ToArray();
        int Root(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        var tried = new HashSet<(int, int)>();
        foreach (var list in buckets.Values)
        {
            if (list.Count < 2 || list.Count > options.MaxBucket) continue;
            for (var x = 0; x < list.Count; x++)
                for (var y = x + 1; y < list.Count; y++)
                {
                    var (a, b) = (Math.Min(list[x], list[y]), Math.Max(list[x], list[y]));
                    if (!tried.Add((a, b)) || Root(a) == Root(b)) continue;
                    var (ta, tb) = (openings[a].Text, openings[b].Text);
                    var bound = (int)Math.Floor(options.Threshold * Math.Max(ta.Length, tb.Length));
                    if (EditDistance.Within(ta, tb, bound) is null) continue;
                    var (ra, rb) = (Root(a), Root(b));
                    // The smaller index is the root, so a cluster's name is its first piece whatever the pair order.
                    if (ra < rb) parent[rb] = ra;
                    else parent[ra] = rb;
                }
        }

        var clusters = new Dictionary<int, string>();
        foreach (var group in openings.Keys.GroupBy(Root).Where(g => g.Count() > 1))
            foreach (var member in group)
                clusters[member] = pieces[group.Key].Id;
        return clusters;
    }

    /// <summary>The first <paramref name="count"/> body lines of a prepared piece (one bar per line when interleaved), whitespace removed.</summary>
    public static string[] OpeningBars(string preparedAbc, int count) =>
        preparedAbc.Split('\n')
            .Where(line => line.StartsWith('[') && !line.StartsWith("[r:", StringComparison.Ordinal))
            .Take(count)
            .Select(line => string.Concat(line.Where(c => !char.IsWhiteSpace(c))))
            .ToArray();
}

/// <summary>How near-duplicates are found: bars compared, the normalized edit distance at or below which two pieces are one work, the largest candidate bucket.</summary>
public sealed record NearDuplicateOptions(double Threshold = 0.1, int Bars = 8, int MaxBucket = 64)
{
    public void Validate()
    {
        if (Threshold is < 0 or >= 1)
            throw new ArgumentException($"near-duplicate threshold {Threshold} must be at least 0 and below 1");
        if (Bars < 1)
            throw new ArgumentException($"near-duplicate bars {Bars} must be at least 1");
    }
}
