using System.Text.RegularExpressions;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary><c>notagen corpus build</c> as a user runs it: Ctrl-C while the files are read, then the same command again.</summary>
public sealed class CorpusCommandTests
{
    [Fact]
    public void Ctrl_c_stops_a_corpus_build_between_files_writes_no_shard_and_the_rerun_goes_on_from_the_cache()
    {
        using var temp = new TempDirectory("corpus-interrupt");
        // 4,000 six-bar tunes (each rejected by the length filter, which still reads and caches it): a second or more of work.
        const int files = 4000;
        Directory.CreateDirectory(temp.File("in"));
        for (var i = 0; i < files; i++)
            File.WriteAllText(temp.File($"in/t{i}.abc"), $"X:1\nT:Tune {i}\nM:4/4\nL:1/8\nK:G\nG2 AB c2 d2 | e2 d2 B4 | c2 B2 A2 G2 | A2 Bc d2 e2 | d4 B2 G2 | F2 GA B2 c{i % 7 + 1} |]\n");

        // The interrupt is sent as soon as the first outcome is cached (polled every 10 ms on the test's own thread), so it
        // lands thousands of files before the end on a fast machine too. Waiting for the first progress line instead
        // failed in CI: that line arrived at file 1,105 of 4,000, and the build had finished before the SIGINT was sent.
        var cache = temp.File("out/.cache");
        var interrupted = Notagen.InterruptWhen(temp.Path, () => Directory.Exists(cache) && Directory.EnumerateFiles(cache).Any(),
            "corpus", "build", "--in", "in", "--out", "out");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        Assert.Contains("interrupted while reading files; no shard, rejects.tsv or manifest.json was written", interrupted.StandardError, StringComparison.Ordinal);
        Assert.Equal([".cache"], Directory.GetFileSystemEntries(temp.File("out")).Select(Path.GetFileName));
        var cached = Directory.GetFiles(temp.File("out/.cache")).Length;
        Assert.InRange(cached, 1, files - 1);

        var rerun = Notagen.Run(temp.Path, "corpus", "build", "--in", "in", "--out", "out");
        Assert.True(rerun.ExitCode == 0, rerun.StandardError);
        var summary = Regex.Match(rerun.StandardOutput, @"(\d+) files → .*\((\d+) files from cache\)");
        Assert.True(summary.Success, rerun.StandardOutput);
        Assert.Equal($"{files}", summary.Groups[1].Value);
        Assert.Equal($"{cached}", summary.Groups[2].Value);
        Assert.True(File.Exists(temp.File("out/manifest.json")));
    }
}
