using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// Ctrl-C (a real SIGINT) while <c>classify</c> trains its default classifiers and while <c>classify --evaluate</c>
/// cross-validates. Each run is given far more work than the interrupt lets it do (scores of hundreds of bars, or a
/// billion gradient steps), so the interrupt lands mid-way however fast the machine.
/// </summary>
public sealed class ClassifyInterruptTests
{
    [Fact]
    public void Ctrl_c_while_the_default_classifiers_train_writes_no_classifiers_and_caches_the_features_read_so_far()
    {
        using var temp = new TempDirectory("classify-interrupt");
        // 1,000 scores of 180 bars (about 20 ms each here, 20 s in all): the interrupt comes after the first.
        const int scores = 1000;
        WriteSharedCorpus(temp.File("shared/corpus"), scores, repeats: 60);
        File.WriteAllText(temp.File("song.abc"), "X:1\nL:1/4\nM:4/4\nK:C\nc B c d|e2 e2|]\n");
        var environment = Environment(temp.Path);

        var interrupted = Notagen.InterruptAfter(temp.Path, environment, "style features: ", "classify", "song.abc");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        var cache = temp.File("cache/notagen/style");
        Assert.Contains($"notagen classify: interrupted during style features; no classifiers were written; the features of the scores read so far are cached in {cache}, " +
            "so the same command goes on from them.", interrupted.StandardError, StringComparison.Ordinal);
        Assert.Equal("", interrupted.StandardOutput); // song.abc was not classified
        var features = Assert.Single(Directory.GetFiles(cache));
        Assert.StartsWith("features-", Path.GetFileName(features), StringComparison.Ordinal); // no style-*.json, no card
        var cached = File.ReadAllLines(features).Length - 1;
        Assert.InRange(cached, 1, scores - 1);
    }

    [Fact]
    public void Ctrl_c_during_the_cross_validation_of_classify_evaluate_writes_no_table()
    {
        using var temp = new TempDirectory("classify-evaluate-interrupt");
        const int scores = 40;
        WriteSharedCorpus(temp.File("shared/corpus"), scores, repeats: 1);

        // A billion gradient steps per fold: the interrupt, sent when the cross-validation starts, always finds it running.
        var interrupted = Notagen.InterruptAfter(temp.Path, Environment(temp.Path), "cross-validation: 0/10 folds",
            "classify", "--evaluate", "--corpus", "shared/corpus", "--iterations", "1000000000", "--out", "evaluation");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        Assert.Contains("notagen classify: interrupted during cross-validation; no table or CSV file was written to evaluation; the features of the scores read so far are cached",
            interrupted.StandardError, StringComparison.Ordinal);
        Assert.Equal("", interrupted.StandardOutput);
        Assert.False(Directory.Exists(temp.File("evaluation")), "no output folder for an evaluation that did not finish");
        var features = Assert.Single(Directory.GetFiles(temp.File("cache/notagen/style")));
        Assert.Equal(scores + 1, File.ReadAllLines(features).Length); // every score was read before the folds began
    }

    /// <summary>An indexed folder of four-part chorales (Baroque) and songs (Romantic), each <paramref name="repeats"/> times three bars long.</summary>
    private static void WriteSharedCorpus(string folder, int scores, int repeats)
    {
        Directory.CreateDirectory(Path.Combine(folder, "abc"));
        var index = new List<string> { "path\tformat\tsource\tcomposer\tperiod\tinstrumentation\tlicence\tdup_group" };
        string[] soprano = ["e d c d", "c d e f", "g f e d", "e e d d", "c B c d"];
        string Repeat(string bars) => string.Concat(Enumerable.Repeat(bars, repeats));
        for (var i = 0; i < scores; i++)
        {
            if (i % 2 == 0)
            {
                File.WriteAllText(Path.Combine(folder, "abc", $"s{i}.abc"),
                    "X:1\nL:1/4\nM:4/4\n%%score 1 2 3 4\nV:1 treble nm=\"Soprano\"\nV:2 treble nm=\"Alto\"\nV:3 bass nm=\"Tenor\"\nV:4 bass nm=\"Bass\"\nK:C\n" +
                    $"V:1\n{Repeat($"{soprano[i % soprano.Length]}|e2 e2|d c B c|")}]\nV:2\n{Repeat("c B A B|c2 c2|B A G A|")}]\n" +
                    $"V:3\n{Repeat("G, G, E, G,|G,2 G,2|G, E, D, E,|")}]\nV:4\n{Repeat("C, G,, A,, G,,|C,2 C,2|G,, A,, G,, C,|")}]\n");
                index.Add($"abc/s{i}.abc\tabc\thand\tBach, Johann Sebastian\tBaroque\tChoral\tCC0-1.0\tw{i}");
            }
            else
            {
                File.WriteAllText(Path.Combine(folder, "abc", $"s{i}.abc"),
                    "X:1\nL:1/8\nM:6/8\n%%score 1 2 3\nV:1 treble nm=\"Voice\"\nV:2 treble nm=\"Piano\"\nV:3 bass\nK:Am\n" +
                    $"V:1\n{Repeat($"d2 ^c ^F3|(3^GAB e4|A3 {"cdefga"[i % 6]}3|")}]\nV:2\n{Repeat("[A^ce]3 [_B^df]3|[^GBe]3 [Ace]3|[Ace]6|")}]\n" +
                    $"V:3\n{Repeat("A,,3 _B,,3|E,,3 A,,3|A,,6|")}]\n");
                index.Add($"abc/s{i}.abc\tabc\thand\tSchumann, Robert\tRomantic\tArt Song\tCC0-1.0\tw{i}");
            }
        }
        File.WriteAllLines(Path.Combine(folder, "index.tsv"), index);
    }

    /// <summary>The stand-in shared folder, and a cache of the test's own (never the user's).</summary>
    private static Dictionary<string, string> Environment(string root) => new()
    {
        ["NOTAGEN_SHARED"] = Path.Combine(root, "shared"),
        ["XDG_CACHE_HOME"] = Path.Combine(root, "cache"),
    };
}
