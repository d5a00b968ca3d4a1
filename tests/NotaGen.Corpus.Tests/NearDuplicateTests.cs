using NotaGen.Corpus.Building;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Splitting;
using NotaGen.Music.Text;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class NearDuplicateTests
{
    private static int Naive(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
        return d[a.Length, b.Length];
    }

    [Fact]
    public void Banded_edit_distance_agrees_with_the_full_table()
    {
        var random = new Random(7);
        for (var n = 0; n < 300; n++)
        {
            var a = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => "abcd"[random.Next(4)]).ToArray());
            var b = new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => "abcd"[random.Next(4)]).ToArray());
            var exact = Naive(a, b);
            var bound = random.Next(0, 20);
            Assert.Equal(exact <= bound ? exact : null, EditDistance.Within(a, b, bound));
        }
    }

    /// <summary>A folk tune whose first bar is given and whose other 7 bars vary by <paramref name="seed"/>.</summary>
    private static string Tune(string firstBar, int seed, string? change = null)
    {
        var random = new Random(seed);
        var notes = "CDEFGABcdefg";
        var bars = Enumerable.Range(0, 7).Select(_ => string.Concat(Enumerable.Range(0, 4).Select(_ => notes[random.Next(notes.Length)] + "2"))).ToList();
        if (change is not null) bars[3] = change;
        return $"X:1\nT:t\nM:4/4\nL:1/8\nK:C\n{firstBar}|{string.Join("|", bars)}|]\n";
    }

    private static List<CorpusPiece> Build(TempDirectory temp, Dictionary<string, string> files, double threshold, SplitFractions? fractions = null)
    {
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(input);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(input, name), text);
        var output = Path.Combine(temp.Path, "out");
        new CorpusBuilder(new CorpusBuildOptions
        {
            Inputs = [input],
            Output = output,
            NearDuplicates = new NearDuplicateOptions(threshold),
            Fractions = fractions ?? new SplitFractions(),
        }, ComposerPeriods.Bundled).Build();
        return CorpusReader.ReadShards(output).ToList();
    }

    [Fact]
    public void An_edited_copy_is_a_near_duplicate_and_an_unrelated_tune_is_not()
    {
        using var temp = new TempDirectory();
        var pieces = Build(temp, new()
        {
            ["a.abc"] = Tune("c2e2g2c'2", 1),
            ["b.abc"] = Tune("c2e2g2c'2", 1, change: "A2B2c2d2"),
            ["c.abc"] = Tune("c2e2g2c'2", 2),
        }, threshold: 0.1).ToDictionary(p => p.Id);
        Assert.Equal("a.abc", pieces["a.abc"].NearDuplicateOf);
        Assert.Equal("a.abc", pieces["b.abc"].NearDuplicateOf);
        Assert.Null(pieces["c.abc"].NearDuplicateOf);
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        using var temp = new TempDirectory();
        var pieces = Build(temp, new()
        {
            ["a.abc"] = Tune("c2e2g2c'2", 1),
            ["b.abc"] = Tune("c2e2g2c'2", 1, change: "A2B2c2d2"),
        }, threshold: 0.01);
        Assert.All(pieces, p => Assert.Null(p.NearDuplicateOf));
    }

    [Fact]
    public void Near_duplicates_never_straddle_splits()
    {
        // 40 works, each present three times with one bar edited; splits of 30%/30% so every side is used.
        using var temp = new TempDirectory();
        var files = new Dictionary<string, string>();
        for (var w = 0; w < 40; w++)
            for (var copy = 0; copy < 3; copy++)
                files[$"w{w:D2}c{copy}.abc"] = Tune($"c2e2g2c'2", 100 + w, change: copy == 0 ? null : $"A2B2c2{"defg"[copy]}2");
        var pieces = Build(temp, files, threshold: 0.1, new SplitFractions(0.3, 0.3));
        Assert.Equal(120, pieces.Count);
        var works = pieces.GroupBy(p => p.Id[..3]).ToList();
        Assert.All(works, work => Assert.Single(work.Select(p => p.Split).Distinct()));
        Assert.All(works, work => Assert.Single(work.Select(p => p.NearDuplicateOf).Distinct()));
        Assert.True(pieces.Select(p => p.Split).Distinct().Count() == 3);
    }
}
