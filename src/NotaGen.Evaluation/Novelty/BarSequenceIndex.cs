using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Pieces;

namespace NotaGen.Evaluation.Novelty;

/// <summary>
/// The training pieces as sequences of bar ids (equal id = the bar sounds the same, see <c>PieceBar.Key</c>), with
/// an index of where every bar occurs and the set of bar n-grams, to find what a generated piece copies.
/// </summary>
public sealed class BarSequenceIndex
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<int[]> pieces = [];
    private readonly List<string> names = [];
    private readonly Dictionary<int, List<(int Piece, int Position)>> occurrences = [];
    private readonly HashSet<string> ngrams = new(StringComparer.Ordinal);

    /// <summary>A bar index of the training pieces (bars as they sound), for the novelty metrics.</summary>
    /// <param name="progress">Called after every piece read with (pieces done, pieces in all), from the workers.</param>
    /// <param name="cancellation">Checked between pieces (throws <see cref="OperationCanceledException"/>).</param>
    public static BarSequenceIndex OfCorpus(IEnumerable<CorpusPiece> pieces, int jobs = 1, Action<int, int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var list = pieces.ToList();
        var bars = new IReadOnlyList<string>?[list.Count];
        var done = 0;
        Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation }, i =>
        {
            var piece = AnalyzedPiece.FromAbc(list[i].Abc, list[i].Id);
            if (piece.Semantics is not null && piece.Events is not null)
                bars[i] = PieceBars.From(piece.Semantics, piece.Events).Select(b => b.Key).ToList();
            progress?.Invoke(Interlocked.Increment(ref done), list.Count);
        });
        var index = new BarSequenceIndex();
        for (var i = 0; i < list.Count; i++)
            if (bars[i] is { } keys) index.Add(list[i].Id, keys);
        return index;
    }

    public BarSequenceIndex(int ngram = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ngram, 1);
        NGram = ngram;
    }

    /// <summary>Bars per n-gram for <see cref="NoveltyMetrics.NGramOverlap"/>.</summary>
    public int NGram { get; }

    public int Count => pieces.Count;

    public IReadOnlyList<int[]> Pieces => pieces;

    public string Name(int piece) => names[piece];

    public void Add(string name, IEnumerable<string> barKeys)
    {
        ArgumentNullException.ThrowIfNull(barKeys);
        var sequence = Encode(barKeys, grow: true);
        var index = pieces.Count;
        pieces.Add(sequence);
        names.Add(name);
        for (var i = 0; i < sequence.Length; i++)
        {
            if (!occurrences.TryGetValue(sequence[i], out var list))
                occurrences[sequence[i]] = list = [];
            list.Add((index, i));
        }
        foreach (var gram in NGrams(sequence, NGram))
            ngrams.Add(gram);
    }

    /// <summary>Bar ids of a piece; a bar never seen in training gets -1 (matches nothing).</summary>
    public int[] Encode(IEnumerable<string> barKeys, bool grow = false)
    {
        ArgumentNullException.ThrowIfNull(barKeys);
        return barKeys.Select(key =>
        {
            if (ids.TryGetValue(key, out var id)) return id;
            if (!grow) return -1;
            ids[key] = ids.Count;
            return ids.Count - 1;
        }).ToArray();
    }

    public bool ContainsNGram(string gram) => ngrams.Contains(gram);

    public IReadOnlyList<(int Piece, int Position)> Occurrences(int bar) =>
        occurrences.TryGetValue(bar, out var list) ? list : [];

    public static IEnumerable<string> NGrams(int[] sequence, int n)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        for (var i = 0; i + n <= sequence.Length; i++)
            yield return string.Join(',', sequence.Skip(i).Take(n));
    }
}
