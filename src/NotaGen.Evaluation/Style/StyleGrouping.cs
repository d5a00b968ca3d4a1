using System.Text.RegularExpressions;
using NotaGen.Corpus.Labels;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// What the grouped cross-validation keeps together, so that no group has pieces on both sides of a split. By work or
/// composer, scores of one duplicate group (the index's <c>dup_group</c>: one work in several sources) join one group,
/// transitively; by source, the copies are left out of training instead (<see cref="Source"/>).
/// </summary>
public enum StyleGrouping
{
    /// <summary>
    /// One work or collection: the score's folder with a trailing number folder folded into its parent (the preludes
    /// of one book, the movements of one mass), and in folders that hold many works flat, the file name up to its
    /// movement suffix (<c>BWV1001_01_Adagio</c> → <c>BWV1001</c>, <c>op01n01a</c> → <c>op01n01</c>, <c>K279-1</c> →
    /// <c>K279</c>). The held-out pieces are unseen works from sources and composers that training has seen: what a
    /// hidden test set of "same sources, unseen pieces" asks.
    /// </summary>
    Work,

    /// <summary>
    /// One composer: the held-out pieces are by composers training has never seen. Stricter; a class that one
    /// composer makes alone (Bach's chorales are all of the Choral class but three) cannot be learnt when that composer is out.
    /// </summary>
    Composer,

    /// <summary>
    /// One source (the index's <c>source</c> column: the collection a score was taken from, such as OpenScore's Lieder
    /// or the ASAP dataset): the held-out pieces come from a collection training has never seen, so its editors'
    /// and encoders' habits cannot give the label away. A class found in fewer sources than folds cannot be held out
    /// this way and is left out of the cross-validation (Art Song, Choral and Orchestral in the shared corpus). Duplicate
    /// groups do not join sources (most sources share some work, so they would join nearly all): instead a fold's
    /// training leaves out every piece of a duplicate group that has a piece in the fold's held-out sources.
    /// </summary>
    Source,
}

/// <summary>Group ids for scores under a <see cref="StyleGrouping"/>.</summary>
public static partial class StyleGroups
{
    /// <summary>A group id per score (equal ids, one group), the duplicate groups merged in.</summary>
    public static string[] Assign(IReadOnlyList<LabelRow> scores, StyleGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var keys = scores.Select(s => grouping switch
        {
            StyleGrouping.Composer => "composer:" + (s.Composer ?? s.Source + "/?"),
            StyleGrouping.Source => "source:" + s.Source,
            _ => "work:" + WorkKey(s.Path),
        }).ToArray();
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]]; // path halving
                x = parent[x];
            }
            return x;
        }
        void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra == rb) return;
            // The smaller name is the root, so ids do not depend on the order of the unions.
            if (string.CompareOrdinal(ra, rb) < 0) parent[rb] = ra;
            else parent[ra] = rb;
        }
        for (var i = 0; i < scores.Count; i++)
        {
            parent.TryAdd(keys[i], keys[i]);
            // Sources share works (a Bach chorale in two collections, a sonata as a score and as a performance); joining
            // them would make a handful of groups, so a source split leaves the copies out of training instead.
            if (grouping != StyleGrouping.Source && scores[i].DupGroup is { } dup)
            {
                parent.TryAdd("dup:" + dup, "dup:" + dup);
                Union(keys[i], "dup:" + dup);
            }
        }
        return keys.Select(Find).ToArray();
    }

    /// <summary>The work or collection a score path belongs to (see <see cref="StyleGrouping.Work"/>).</summary>
    public static string WorkKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Replace('\\', '/').Split('/');
        var folders = parts[..^1].ToList();
        if (folders.Count > 0 && NumberFolder().IsMatch(folders[^1])) folders.RemoveAt(folders.Count - 1);
        var stem = Path.GetFileNameWithoutExtension(parts[^1]);
        // Names that every score of its folder shares (score.mxl, midi_score.mid) say nothing: the folder is the work.
        var work = stem is "score" or "midi_score" ? "" : MovementSuffix().Replace(stem, "");
        return string.Join('/', folders) + "/" + work;
    }

    /// <summary>A movement or number suffix: "_01_Adagio", "-1", ".7", or a letter after a number ("n01a").</summary>
    [GeneratedRegex(@"(?:[_\-.]\d.*|(?<=\d)[a-z])$", RegexOptions.CultureInvariant)]
    private static partial Regex MovementSuffix();

    [GeneratedRegex(@"^\d+[a-z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberFolder();
}

/// <summary>Seeded assignment of groups to cross-validation folds: a whole group goes to one fold.</summary>
public static class GroupedFolds
{
    /// <summary>
    /// The fold (0..<paramref name="folds"/>−1) of each item. Groups are shuffled with <paramref name="seed"/>, then
    /// taken largest first, each into the fold that has the fewest items so far (the lowest fold on a tie), so the
    /// folds are near equal in size and the assignment is the same for the same seed.
    /// </summary>
    public static int[] Assign(IReadOnlyList<string> groups, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var distinct = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length < folds)
            throw new ArgumentException($"{distinct.Length} groups cannot fill {folds} folds", nameof(groups));
        var random = new Random(seed);
        random.Shuffle(distinct);
        var sizes = groups.GroupBy(g => g, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var load = new int[folds];
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in distinct.OrderByDescending(g => sizes[g])) // OrderBy is stable: ties keep the shuffled order
        {
            var target = Array.IndexOf(load, load.Min());
            foldOf[group] = target;
            load[target] += sizes[group];
        }
        return groups.Select(g => foldOf[g]).ToArray();
    }
}
