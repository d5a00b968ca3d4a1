using NotaGen.Evaluation.Style;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Evaluation.Tests;

/// <summary>The feature table of an indexed folder when it is cancelled part-way: what a Ctrl-C of <c>classify</c> keeps.</summary>
public sealed class ScoreFeatureTableTests
{
    private const int Scores = 30;

    [Fact]
    public void A_cancelled_table_caches_the_scores_it_finished_and_the_next_run_reads_them_from_the_cache()
    {
        using var temp = new TempDirectory();
        var folder = temp.File("corpus");
        WriteIndexedFolder(folder);
        var cache = temp.File("features.tsv");

        using var interrupt = new CancellationTokenSource();
        var stopper = new CancelAfter(5, interrupt);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ScoreFeatureTable.Compute(folder, jobs: 1, cacheFile: cache, progress: stopper, cancellation: interrupt.Token));
        var cached = File.ReadAllLines(cache).Skip(1).ToList(); // the first line names the feature version
        Assert.InRange(cached.Count, 5, Scores - 1);

        // Mark one cached row: if the next run reads the cache, that row comes back with the mark instead of being recomputed.
        var marked = cached[2];
        var cut = marked.LastIndexOf('\t');
        var path = marked[..marked.IndexOf('\t', StringComparison.Ordinal)];
        var mark = Enumerable.Repeat(7.0, StyleFeatures.Length).ToArray();
        File.WriteAllLines(cache, File.ReadAllLines(cache).Select(line => line == marked ? marked[..(cut + 1)] + string.Join(',', Enumerable.Repeat("7", mark.Length)) : line));

        var resumed = ScoreFeatureTable.Compute(folder, jobs: 1, cacheFile: cache);
        var fresh = ScoreFeatureTable.Compute(folder, jobs: 1);
        Assert.Equal(Scores, resumed.Rows.Count);
        Assert.Equal(mark, resumed.Rows.Single(r => r.Score.Path == path).Features);
        Assert.NotEqual(mark, fresh.Rows.Single(r => r.Score.Path == path).Features);
        // The rows the cancelled run never reached were computed now, as a run without a cache computes them.
        var last = fresh.Rows[^1];
        Assert.DoesNotContain(cached, line => line.StartsWith(last.Score.Path + "\t", StringComparison.Ordinal));
        Assert.Equal(last.Features, resumed.Rows.Single(r => r.Score.Path == last.Score.Path).Features);
        Assert.Equal(Scores + 1, File.ReadAllLines(cache).Length);
    }

    private static void WriteIndexedFolder(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "abc"));
        var index = new List<string> { "path\tformat\tsource\tcomposer\tperiod\tinstrumentation\tlicence\tdup_group" };
        string[] tunes = ["CDEF GABc|cBAG FEDC", "GABc defg|gfed cBAG", "DEFG ABcd|dcBA GFED"];
        for (var i = 0; i < Scores; i++)
        {
            File.WriteAllText(Path.Combine(folder, "abc", $"t{i}.abc"), $"X:1\nL:1/8\nM:4/4\nK:C\n{tunes[i % tunes.Length]}|C{i % 7 + 1}|]\n");
            index.Add($"abc/t{i}.abc\tabc\thand\tBach, Johann Sebastian\tBaroque\tKeyboard\tCC0-1.0\t");
        }
        File.WriteAllLines(Path.Combine(folder, "index.tsv"), index);
    }

    /// <summary>Cancels once <paramref name="scores"/> scores are done (told on the worker's thread, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class CancelAfter(int scores, CancellationTokenSource source) : IProgress<StyleProgress>
    {
        public void Report(StyleProgress value)
        {
            if (value.Done >= scores) source.Cancel();
        }
    }
}
