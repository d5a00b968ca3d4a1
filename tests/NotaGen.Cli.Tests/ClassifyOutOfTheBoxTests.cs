using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// <c>classify FILE</c> with no classifiers given (trained on first use from the shared corpus, then cached) and
/// <c>classify --evaluate</c>, on a stand-in shared folder of hand-made scores with an index, so they run in seconds.
/// </summary>
public sealed class ClassifyOutOfTheBoxTests
{
    [Fact]
    public void Classify_without_classifiers_trains_them_once_from_the_shared_corpus_and_then_reads_them_from_the_cache()
    {
        using var temp = new TempDirectory();
        WriteSharedCorpus(Path.Combine(temp.Path, "shared", "corpus"));
        File.WriteAllText(temp.File("song.abc"), Song(23));
        var environment = Environment(temp.Path, Path.Combine(temp.Path, "shared"));

        var first = Run(temp.Path, environment, "classify", "song.abc");
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("first use", first.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("song.abc: period Romantic", first.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("instrumentation Art Song", first.StandardOutput, StringComparison.Ordinal);
        var model = Assert.Single(Directory.GetFiles(Path.Combine(temp.Path, "cache", "notagen", "style"), "style-*.json"));
        Assert.True(File.Exists(Path.ChangeExtension(model, ".card.md")), "the card is written beside the classifiers");
        // One line names the classifiers and their held-out accuracy (the two hand-made styles differ in everything).
        const string summary = "default style classifiers: gradient-boosted trees (period, instrumentation), logistic regression (composer); " +
            "held out by work: period 100.0% (40/40), instrumentation 100.0% (40/40); card: classify --card";
        Assert.Contains(summary, first.StandardError, StringComparison.Ordinal);

        var second = Run(temp.Path, environment, "classify", "song.abc");
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.DoesNotContain("first use", second.StandardError, StringComparison.Ordinal);
        Assert.Contains(summary, second.StandardError, StringComparison.Ordinal);
        Assert.Equal(first.StandardOutput, second.StandardOutput);
    }

    [Fact]
    public void Classify_card_prints_the_default_classifiers_card_with_data_licences_held_out_figures_and_limits()
    {
        using var temp = new TempDirectory();
        var shared = Path.Combine(temp.Path, "shared");
        WriteSharedCorpus(Path.Combine(shared, "corpus"));
        var environment = Environment(temp.Path, shared);

        var result = Run(temp.Path, environment, "classify", "--card");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("first use", result.StandardError, StringComparison.Ordinal); // trained for the card
        var card = result.StandardOutput;
        Assert.StartsWith("# Default style classifiers", card, StringComparison.Ordinal);
        Assert.Contains($"- Index: `{Path.Combine(shared, "corpus", "index.tsv")}`", card, StringComparison.Ordinal);
        Assert.Contains("- 40 scores with a period or instrumentation label were read; 0 could not be read", card, StringComparison.Ordinal);
        Assert.Contains("- Period: Baroque 20, Romantic 20", card, StringComparison.Ordinal);
        Assert.Contains("| hand | 40 | CC0-1.0 |", card, StringComparison.Ordinal);
        Assert.Contains("- Period: gradient-boosted trees, 2 classes; 100 rounds of depth-3 trees per class", card, StringComparison.Ordinal);
        Assert.Contains("- Composer: logistic regression, 2 classes", card, StringComparison.Ordinal);
        Assert.Contains("### Instrumentation: 100.0% (40/40), macro-F1 1.000", card, StringComparison.Ordinal);
        Assert.Contains("| Choral | 20 | 100.0% | 100.0% | 1.000 |", card, StringComparison.Ordinal);
        Assert.Contains("Confusion (rows true, columns predicted): Baroque: 20 0 · Romantic: 0 20", card, StringComparison.Ordinal);
        Assert.Contains("- Period: expected calibration error (10 bins) of the held-out predictions", card, StringComparison.Ordinal);
        Assert.Contains("- Baroque (period): 20 of 20 scores from one source, hand", card, StringComparison.Ordinal);
        Assert.Contains("- Choral (instrumentation): 20 of 20 scores by Bach, Johann Sebastian", card, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(temp.Path, "cache", "notagen", "style"), "style-*.card.md"))), card);

        var again = Run(temp.Path, environment, "classify", "--card");
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.DoesNotContain("first use", again.StandardError, StringComparison.Ordinal);
        Assert.Equal(card, again.StandardOutput);

        var withModel = Run(temp.Path, environment, "classify", "--card", "--model", "style.json");
        Assert.NotEqual(0, withModel.ExitCode);
        Assert.Contains("--card prints the card of the default classifiers", withModel.StandardError, StringComparison.Ordinal);
        var noShared = Run(temp.Path, Environment(temp.Path, Path.Combine(temp.Path, "no-shared")), "classify", "--card");
        Assert.NotEqual(0, noShared.ExitCode);
        Assert.Contains("NOTAGEN_SHARED", noShared.StandardError, StringComparison.Ordinal);
        Assert.Empty(noShared.StandardOutput);
    }

    [Fact]
    public void Classify_without_classifiers_or_shared_corpus_says_what_to_set_and_fails()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("song.abc"), Song(1));
        var result = Run(temp.Path, Environment(temp.Path, Path.Combine(temp.Path, "no-shared")), "classify", "song.abc");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NOTAGEN_SHARED", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void Classify_evaluate_prints_per_class_and_confusion_tables_and_writes_the_csv_files()
    {
        using var temp = new TempDirectory();
        var corpus = Path.Combine(temp.Path, "corpus");
        WriteSharedCorpus(corpus);
        var result = Run(temp.Path, Environment(temp.Path, Path.Combine(temp.Path, "none")), "classify", "--evaluate", "--corpus", corpus, "--out", "cv", "--seed", "2");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("grouped 5-fold cross-validation by work (40 groups, seed 2), handcrafted features, logistic learner, 40 labelled scores", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("confusion (rows true", result.StandardOutput, StringComparison.Ordinal);
        // The two hand-made styles differ in every way the features look at: every held-out piece is right.
        Assert.Contains("period: accuracy 100.0 % (40/40)", result.StandardOutput, StringComparison.Ordinal);
        var classes = File.ReadAllLines(temp.File("cv/instrumentation-classes.csv"));
        Assert.Equal("class,support,predicted,correct,precision,recall,f1", classes[0]);
        Assert.Equal(["Art Song,20,20,20,1,1,1", "Choral,20,20,20,1,1,1"], classes[1..]);
        Assert.Equal(["true \\ predicted,Baroque,Romantic", "Baroque,20,0", "Romantic,0,20"], File.ReadAllLines(temp.File("cv/period-confusion.csv")));
        Assert.Equal(1 + 2 * 40, File.ReadAllLines(temp.File("cv/predictions.csv")).Length);
        Assert.Equal(1 + 2 * 10, File.ReadAllLines(temp.File("cv/period-reliability.csv")).Length);
        Assert.Contains("reliability of held-out predictions", File.ReadAllText(temp.File("cv/period-reliability.html")), StringComparison.Ordinal);

        // The generalisation options: the same hand-made styles stay apart without the encoding habits and with composer weights.
        var options = Run(temp.Path, Environment(temp.Path, Path.Combine(temp.Path, "none")), "classify", "--evaluate", "--corpus", corpus, "--out", "cv2",
            "--drop-encoding-habits", "--exclude-exercises", "--composer-weights");
        Assert.True(options.ExitCode == 0, options.StandardError);
        Assert.Contains("period: accuracy 100.0 % (40/40)", options.StandardOutput, StringComparison.Ordinal);

        var bad = Run(temp.Path, Environment(temp.Path, Path.Combine(temp.Path, "none")), "classify", "--evaluate");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--evaluate needs --corpus DIR", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_evaluate_with_boosted_trees_and_with_the_model_family_reuses_the_cached_features()
    {
        using var temp = new TempDirectory();
        var corpus = Path.Combine(temp.Path, "corpus");
        WriteSharedCorpus(corpus);
        var environment = Environment(temp.Path, Path.Combine(temp.Path, "none"));
        var trees = Run(temp.Path, environment, "classify", "--evaluate", "--corpus", corpus, "--out", "trees", "--learner", "Trees");
        Assert.True(trees.ExitCode == 0, trees.StandardError);
        Assert.Contains("handcrafted features, trees learner, 40 labelled scores", trees.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("period: accuracy 100.0 % (40/40)", trees.StandardOutput, StringComparison.Ordinal);
        var again = Run(temp.Path, environment, "classify", "--evaluate", "--corpus", corpus, "--out", "trees2", "--learner", "Trees");
        Assert.Equal(File.ReadAllText(temp.File("trees/predictions.csv")), File.ReadAllText(temp.File("trees2/predictions.csv"))); // seeded

        var model = Run(temp.Path, environment, "classify", "--evaluate", "--corpus", corpus, "--out", "model", "--features", "model", "--folds", "2");
        Assert.True(model.ExitCode == 0, model.StandardError);
        Assert.Contains("by work (40 groups, seed 0), model (", model.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1 + 2 * 40, File.ReadAllLines(temp.File("model/predictions.csv")).Length);
        // The hidden states of every score are cached beside the handcrafted features, one row of the hidden size each.
        var cached = Directory.GetFiles(Path.Combine(temp.Path, "cache", "notagen", "style"), "features-model-*.tsv");
        var rows = File.ReadAllLines(Assert.Single(cached)).Skip(1).ToList();
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal(256, r[(r.LastIndexOf('\t') + 1)..].Split(',').Length));
        Assert.Single(Directory.GetFiles(Path.Combine(temp.Path, "cache", "notagen", "style"), "features-handcrafted-*.tsv"));
    }

    /// <summary>20 four-part chorales (Baroque, Choral) and 20 songs for voice and piano (Romantic, Art Song), each its own work.</summary>
    private static void WriteSharedCorpus(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "abc"));
        var index = new List<string> { "path\tformat\tsource\tcomposer\tperiod\tinstrumentation\tlicence\tdup_group" };
        for (var i = 0; i < 20; i++)
        {
            File.WriteAllText(Path.Combine(folder, "abc", $"chorale{i}.abc"), Chorale(i));
            index.Add($"abc/chorale{i}.abc\tabc\thand\tBach, Johann Sebastian\tBaroque\tChoral\tCC0-1.0\t");
            File.WriteAllText(Path.Combine(folder, "abc", $"song{i}.abc"), Song(i));
            index.Add($"abc/song{i}.abc\tabc\thand\tSchumann, Robert\tRomantic\tArt Song\tCC0-1.0\t");
        }
        File.WriteAllLines(Path.Combine(folder, "index.tsv"), index);
    }

    private static string Chorale(int seed)
    {
        string[] soprano = ["e d c d", "c d e f", "g f e d", "e e d d", "c B c d"];
        var bar = soprano[seed % soprano.Length];
        return "X:1\nL:1/4\nM:4/4\n%%score 1 2 3 4\nV:1 treble nm=\"Soprano\"\nV:2 treble nm=\"Alto\"\nV:3 bass nm=\"Tenor\"\nV:4 bass nm=\"Bass\"\nK:C\n" +
            $"V:1\n{bar}|e2 e2|d c B c|]\nV:2\nc B A B|c2 c2|B A G A|]\nV:3\nG, G, E, G,|G,2 G,2|G, E, D, E,|]\nV:4\nC, G,, A,, G,,|C,2 C,2|G,, A,, G,, C,|]\n";
    }

    private static string Song(int seed)
    {
        string[] voice = ["d2 ^c", "_B2 A", "^G2 A", "d2 _e", "=B2 ^c"];
        return "X:1\nL:1/8\nM:6/8\n%%score 1 2 3\nV:1 treble nm=\"Voice\"\nV:2 treble nm=\"Piano\"\nV:3 bass\nK:Am\n" +
            $"V:1\n{voice[seed % voice.Length]} ^F3|(3^GAB e4|]\nV:2\n[A^ce]3 [_B^df]3|[^GBe]3 [Ace]3|]\nV:3\nA,,3 _B,,3|E,,3 A,,3|]\n";
    }

    private static Dictionary<string, string> Environment(string root, string shared) => new()
    {
        ["NOTAGEN_SHARED"] = shared,
        ["XDG_CACHE_HOME"] = Path.Combine(root, "cache"),
    };

    /// <summary>The CLI with extra environment variables, through <c>env</c> (the shared runner sets none).</summary>
    private static ExternalTool.Result Run(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var host = System.Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var cli = Path.Combine(AppContext.BaseDirectory, "notagen.dll");
        return ExternalTool.Run("env", [.. environment.Select(kv => $"{kv.Key}={kv.Value}"), host, cli, .. arguments], workingDirectory, TimeSpan.FromMinutes(2));
    }
}
