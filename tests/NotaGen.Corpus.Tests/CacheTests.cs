using NotaGen.Corpus.Building;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Testing;
using NotaGen.Tokenization;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class CacheTests
{
    private static string Tune(int n, string key) => $"""
        X:{n}
        T:Tune {n}
        M:4/4
        L:1/8
        K:{key}
        GABc d2 d2|e2 e2 d4|c2 c2 B2 B2|A2 A2 G4|GABc d2 d2|e2 e2 d4|c2 c2 B2 B2|A2 A2 G4|]

        """;

    private static (string Input, string Output) Corpus(TempDirectory temp)
    {
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "a.abc"), Tune(1, "G"));
        File.WriteAllText(Path.Combine(input, "b.abc"), Tune(1, "D"));
        File.WriteAllText(Path.Combine(input, "c.abc"), Tune(1, "A"));
        File.WriteAllText(Path.Combine(input, "broken.musicxml"), "<score-partwise><part");
        return (input, Path.Combine(temp.Path, "out"));
    }

    private static CorpusBuilder Builder(string input, string output) =>
        new(new CorpusBuildOptions { Inputs = [input], Output = output }, ComposerPeriods.Bundled);

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);

    [Fact]
    public void Warm_rebuild_reuses_every_file_and_writes_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var (input, output) = Corpus(temp);
        var cold = Builder(input, output);
        cold.Build();
        Assert.Equal(0, cold.CacheHits);
        var first = Files(output);

        var warm = Builder(input, output);
        warm.Build();
        Assert.Equal(4, warm.CacheHits);
        var second = Files(output);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs after a warm rebuild");
    }

    [Fact]
    public void A_changed_file_misses_and_its_stale_entry_is_removed()
    {
        using var temp = new TempDirectory();
        var (input, output) = Corpus(temp);
        Builder(input, output).Build();
        var entries = Directory.GetFiles(Path.Combine(output, ".cache")).Length;
        File.WriteAllText(Path.Combine(input, "b.abc"), Tune(1, "E"));

        var rebuild = Builder(input, output);
        rebuild.Build();
        Assert.Equal(3, rebuild.CacheHits);
        Assert.Equal(entries, Directory.GetFiles(Path.Combine(output, ".cache")).Length);
        Assert.Equal("E", CorpusReader.ReadShards(output).Single(p => p.Id == "b.abc").Key);
    }

    [Fact]
    public void A_corrupt_cache_entry_is_a_miss_not_a_failure()
    {
        using var temp = new TempDirectory();
        var (input, output) = Corpus(temp);
        Builder(input, output).Build();
        var first = Files(output);
        foreach (var entry in Directory.GetFiles(Path.Combine(output, ".cache")))
            File.WriteAllText(entry, "{ not json");

        var rebuild = Builder(input, output);
        rebuild.Build();
        Assert.Equal(0, rebuild.CacheHits);
        foreach (var (name, bytes) in Files(output))
            Assert.True(bytes.AsSpan().SequenceEqual(first[name]), $"{name} differs after rebuilding past a corrupt cache");
    }

    [Fact]
    public void Each_piece_carries_its_uncropped_patch_count()
    {
        using var temp = new TempDirectory();
        var (input, output) = Corpus(temp);
        Builder(input, output).Build();
        var piece = CorpusReader.ReadShards(output).First();
        var expected = new BarPatchTokenizer(100_000).EncodeTraining(piece.Abc).Count;
        Assert.Equal(expected, piece.Patches);
        // BOS, the header lines, one patch or more per bar, EOS.
        Assert.True(piece.Patches > piece.Bars + 2, $"{piece.Patches} patches for {piece.Bars} bars");
    }
}
