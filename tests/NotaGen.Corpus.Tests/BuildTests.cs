using NotaGen.Corpus.Building;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Splitting;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class BuildTests
{
    private const string Tunebook = """
        X:1
        T:First
        C:Franz Schubert
        M:4/4
        L:1/8
        K:G
        GABc d2 d2|e2 e2 d4|c2 c2 B2 B2|A2 A2 G4|GABc d2 d2|e2 e2 d4|c2 c2 B2 B2|A2 A2 G4|]

        X:2
        T:Second, too short
        M:3/4
        L:1/8
        K:D
        d2 f2 a2|a6|]

        X:3
        T:Third
        M:2/4
        L:1/8
        K:Am
        A2 c2|e2 a2|g2 e2|d4|c2 e2|d2 B2|A2 G2|A4|]

        """;

    private const string TwoVoices = """
        X:1
        T:Duet
        M:2/4
        L:1/8
        K:C
        V:1
        V:2
        V:1
        c2 e2|g4|c2 e2|g4|c2 e2|g4|c2 e2|g4|]
        V:2
        C,4|z4|C,4|z4|C,4|z4|C,4|z4|]

        """;

    private static string MakeInput(TempDirectory temp)
    {
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(Path.Combine(input, "abc", "folk"));
        Directory.CreateDirectory(Path.Combine(input, "musicxml", "broken"));
        Directory.CreateDirectory(Path.Combine(input, "midi", "m"));
        File.WriteAllText(Path.Combine(input, "abc", "folk", "book.abc"), Tunebook);
        File.WriteAllText(Path.Combine(input, "abc", "folk", "duet.abc"), TwoVoices);
        File.WriteAllBytes(Path.Combine(input, "musicxml", "broken", "corrupt.mxl"), [0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
        File.WriteAllText(Path.Combine(input, "musicxml", "broken", "notxml.musicxml"), "<score-partwise><part id=\"P1\"><measure");
        File.WriteAllBytes(Path.Combine(input, "midi", "m", "tune.mid"), [0x4d, 0x54, 0x68, 0x64]);
        return input;
    }

    private static string MakeLabels(TempDirectory temp)
    {
        var path = Path.Combine(temp.Path, "labels.tsv");
        File.WriteAllText(path, "path\tcomposer\tperiod\tinstrumentation\tlicence\tis_exercise\tdup_group\n"
            + "abc/folk/duet.abc\tBach, Johann Sebastian\tBaroque\tKeyboard\tCC0\tfalse\tdup0001\n");
        return path;
    }

    private static CorpusManifest Build(string input, string output, string? labels, int jobs = 1, string? licence = null) =>
        new CorpusBuilder(new CorpusBuildOptions { Inputs = [input], Output = output, LabelsPath = labels, Jobs = jobs, Licence = licence },
            ComposerPeriods.Bundled).Build();

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);

    [Fact]
    public void A_cancelled_build_stops_before_writing_anything()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "out");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var builder = new CorpusBuilder(new CorpusBuildOptions { Inputs = [MakeInput(temp)], Output = output, LabelsPath = MakeLabels(temp) }, ComposerPeriods.Bundled);
        Assert.ThrowsAny<OperationCanceledException>(() => builder.Build(cancellation: cancelled.Token));
        Assert.False(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Fact]
    public void Bad_files_land_in_rejects_and_the_build_completes()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "out");
        var manifest = Build(MakeInput(temp), output, MakeLabels(temp));

        var rejects = File.ReadAllLines(Path.Combine(output, "rejects.tsv")).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Contains(rejects, r => r[0] == "musicxml/broken/corrupt.mxl" && r[1] == "import");
        Assert.Contains(rejects, r => r[0] == "musicxml/broken/notxml.musicxml" && r[1] == "import");
        // A truncated MIDI header: the importer's reader says where it stopped.
        Assert.Contains(rejects, r => r[0] == "midi/m/tune.mid" && r[1] == "import" && r[2].Contains("tune.mid", StringComparison.Ordinal));
        Assert.Contains(rejects, r => r[0] == "abc/folk/book.abc#2" && r[1] == "filter");
        Assert.Equal(3, manifest.Counts.Pieces);
        Assert.Equal(5, manifest.Files.Count);
        Assert.True(File.Exists(Path.Combine(output, "DATA_CARD.md")));
    }

    [Fact]
    public void Pieces_are_prepared_labelled_and_prompted()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "out");
        Build(MakeInput(temp), output, MakeLabels(temp));
        var pieces = CorpusReader.ReadShards(output).ToDictionary(p => p.Id);

        var duet = pieces["abc/folk/duet.abc"];
        Assert.Equal(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"), duet.Labels);
        Assert.StartsWith("%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n", duet.Abc);
        Assert.Equal("CC0", duet.Licence);
        Assert.Equal(8, duet.Bars);
        Assert.Equal(2, duet.Staves);
        Assert.DoesNotContain("T:", duet.Abc);
        // Rest reduction: V:2 rests in every second bar, so its [V:2] appears in 4 of 8 lines.
        Assert.Equal(4, duet.Abc.Split('\n').Count(l => l.Contains("[V:2]")));

        var first = pieces["abc/folk/book.abc#1"];
        Assert.Equal("Schubert, Franz", first.Labels!.Composer);
        Assert.Null(first.Labels.Instrumentation);
        Assert.False(first.Abc.StartsWith('%'));
        Assert.Equal("G", first.Key);
        Assert.Equal("4/4", first.Meter);
        Assert.Equal(1, first.Staves);
        Assert.Null(pieces["abc/folk/book.abc#3"].Labels);
    }

    [Fact]
    public void Rebuild_gives_identical_bytes_whatever_the_job_count()
    {
        using var temp = new TempDirectory();
        var input = MakeInput(temp);
        var labels = MakeLabels(temp);
        var a = Path.Combine(temp.Path, "a");
        var b = Path.Combine(temp.Path, "b");
        Build(input, a, labels, jobs: 1);
        Build(input, b, labels, jobs: 3);
        var first = Files(a);
        var second = Files(b);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs between builds");
        Build(input, a, labels, jobs: 2);
        foreach (var (name, bytes) in Files(a))
            Assert.True(bytes.AsSpan().SequenceEqual(first[name]), $"{name} changed on rebuild");
    }

    [Fact]
    public void Licence_filter_keeps_only_cc0()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "out");
        var manifest = Build(MakeInput(temp), output, MakeLabels(temp), licence: "cc0");
        var pieces = CorpusReader.ReadShards(output).ToList();
        Assert.Equal(["abc/folk/duet.abc"], pieces.Select(p => p.Id));
        Assert.True(manifest.Counts.RejectsByStage["licence"] >= 4);
    }

    [Fact]
    public void Duplicate_groups_never_straddle_splits()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "in");
        Directory.CreateDirectory(input);
        var rows = new List<string> { "path\tdup_group" };
        for (var i = 0; i < 60; i++)
        {
            File.WriteAllText(Path.Combine(input, $"t{i:D2}.abc"), TwoVoices);
            rows.Add($"t{i:D2}.abc\tdup{i % 12:D4}");
        }
        var labels = Path.Combine(temp.Path, "labels.tsv");
        File.WriteAllLines(labels, rows);
        var output = Path.Combine(temp.Path, "out");
        new CorpusBuilder(new CorpusBuildOptions { Inputs = [input], Output = output, LabelsPath = labels, Fractions = new SplitFractions(0.3, 0.3) },
            ComposerPeriods.Bundled).Build();
        var pieces = CorpusReader.ReadShards(output).ToList();
        Assert.Equal(60, pieces.Count);
        Assert.All(pieces.GroupBy(p => p.DupGroup), group => Assert.Single(group.Select(p => p.Split).Distinct()));
        // With 12 groups and 30%/30% shares, more than one split is used (else the property would be vacuous).
        Assert.True(pieces.Select(p => p.Split).Distinct().Count() > 1);
    }
}
