using System.Globalization;
using System.Text;
using NotaGen.Corpus.Labels;
using NotaGen.Evaluation.Pieces;
using NotaGen.Music;
using NotaGen.Music.IO;

namespace NotaGen.Evaluation.Style;

/// <summary>A labelled score and its handcrafted style features.</summary>
public sealed record ScoreFeatures(LabelRow Score, double[] Features);

/// <summary>
/// The style features (the handcrafted <see cref="StyleFeatures"/>, or another family's <see cref="StyleFeatureExtractor"/>)
/// of every score of an indexed folder that has a period or an instrumentation label. A score that cannot be read is left out and named in <see cref="Failures"/> (path and
/// the reader's message); the rest go on. Order follows the index, whatever <c>jobs</c> is.
/// </summary>
public sealed record ScoreFeatureTable(IReadOnlyList<ScoreFeatures> Rows, IReadOnlyList<string> Failures)
{
    /// <summary>Changes whenever the features change, so a cache written by another version is not read.</summary>
    public static string FeatureVersion => $"handcrafted-v4-{StyleFeatures.Length}";

    /// <param name="folder">The folder holding <c>index.tsv</c> and the scores.</param>
    /// <param name="cacheFile">A cache of features by path, size and modification time (read if present, written atomically); null for none.</param>
    /// <param name="extractor">The feature family (null: the handcrafted features).</param>
    /// <param name="progress">Told after every score (read or from the cache).</param>
    /// <param name="cancellation">Checked between scores. On cancellation the scores finished so far are still written to
    /// <paramref name="cacheFile"/>, so a rerun goes on from them, and <see cref="OperationCanceledException"/> is thrown.</param>
    public static ScoreFeatureTable Compute(string folder, int jobs = 1, string? cacheFile = null, Func<LabelRow, bool>? include = null, StyleFeatureExtractor? extractor = null,
        IProgress<StyleProgress>? progress = null, CancellationToken cancellation = default)
    {
        extractor ??= StyleFeatureExtractor.Handcrafted;
        var rows = LabelledScoreIndex.Read(folder)
            .Where(r => r.Period is not null || r.Instrumentation is not null)
            .Where(r => include is null || include(r))
            .ToList();
        var (cache, failed) = cacheFile is not null ? ReadCache(cacheFile, extractor) : ([], []);
        var keys = rows.Select(r => new FileInfo(Path.Combine(folder, r.Path)) is { Exists: true } info ? $"{r.Path}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}" : r.Path).ToArray();
        var results = new double[]?[rows.Count];
        var errors = new string?[rows.Count];
        var done = 0;
        try
        {
            Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancellation }, i =>
            {
                Extract(i);
                progress?.Report(new StyleProgress("style features", "scores", Interlocked.Increment(ref done), rows.Count));
            });
        }
        finally
        {
            // Also when cancelled: the cache keeps every score finished so far (a score in hand is finished before the loop
            // stops) and the cached ones this run did not reach.
            if (cacheFile is not null)
                WriteCache(cacheFile, extractor, Enumerable.Range(0, rows.Count)
                    .Select(i => (keys[i], results[i] ?? cache.GetValueOrDefault(keys[i]), errors[i] ?? failed.GetValueOrDefault(keys[i])))
                    .Where(row => row.Item2 is not null || row.Item3 is not null));
        }
        return new ScoreFeatureTable(
            Enumerable.Range(0, rows.Count).Where(i => results[i] is not null).Select(i => new ScoreFeatures(rows[i], results[i]!)).ToList(),
            errors.OfType<string>().ToList());

        void Extract(int i)
        {
            var file = Path.Combine(folder, rows[i].Path);
            if (cache.TryGetValue(keys[i], out var cached))
            {
                results[i] = cached;
                return;
            }
            if (failed.TryGetValue(keys[i], out var message))
            {
                errors[i] = message;
                return;
            }
            try
            {
                var score = ScoreFileReader.Read(file);
                if (score.Events.Notes.Count == 0) errors[i] = $"{file}: no notes";
                else results[i] = extractor.FromScore(score);
            }
            catch (Exception e) when (e is MusicFormatException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                errors[i] = e.Message;
            }
        }
    }

    /// <summary>Cached features by key, and cached failures (the reader's message) by key: a failed file is not read again until it changes.</summary>
    private static (Dictionary<string, double[]> Features, Dictionary<string, string> Failures) ReadCache(string path, StyleFeatureExtractor extractor)
    {
        var cache = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return (cache, failed);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || lines[0] != "# " + extractor.CacheVersion) return (cache, failed);
        foreach (var line in lines.Skip(1))
        {
            var cut = line.LastIndexOf('\t');
            if (cut < 0) continue;
            var value = line[(cut + 1)..];
            if (value.StartsWith('!'))
            {
                failed[line[..cut]] = value[1..];
                continue;
            }
            var values = value.Split(',');
            if (values.Length != extractor.Length) continue;
            cache[line[..cut]] = values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        return (cache, failed);
    }

    private static void WriteCache(string path, StyleFeatureExtractor extractor, IEnumerable<(string Key, double[]? Features, string? Failure)> rows)
    {
        var text = new StringBuilder("# ").Append(extractor.CacheVersion).Append('\n');
        foreach (var (key, features, failure) in rows)
        {
            text.Append(key).Append('\t');
            if (features is null) text.Append('!').Append(failure!.ReplaceLineEndings(" ").Replace('\t', ' '));
            else text.AppendJoin(',', features.Select(f => f.ToString("R", CultureInfo.InvariantCulture)));
            text.Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
