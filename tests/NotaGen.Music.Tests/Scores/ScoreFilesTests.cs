using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Scores;
using NotaGen.Music.Time;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Scores;

/// <summary><see cref="ScoreFiles"/>: one call reads any score file as standard ABC and writes ABC as any format.</summary>
public sealed class ScoreFilesTests
{
    private const string Tune = """
        X:1
        T:Round trip
        M:3/4
        L:1/8
        Q:1/4=100
        K:D
        V:1
        D2 FA d2 | c2 B2 A2 | G2 E2 C2 | D6 |]
        """;

    private static List<(Rational Onset, Rational Duration, int Pitch)> Notes(string abc, string name)
    {
        var document = AbcParser.Parse(abc, name).ThrowIfErrors();
        return document.Tunes[0].ToScoreEvents(name).Notes.Select(n => (n.Onset, n.Duration, n.Pitch)).OrderBy(n => n.Onset).ThenBy(n => n.Pitch).ToList();
    }

    [Theory]
    [InlineData("tune.musicxml")]
    [InlineData("tune.xml")]
    [InlineData("tune.mid")]
    [InlineData("tune.midi")]
    public void A_score_saved_in_a_format_loads_back_with_the_same_notes(string fileName)
    {
        using var directory = new TempDirectory();
        var path = directory.File(fileName);
        ScoreFiles.Save(Tune, path);
        Assert.True(new FileInfo(path).Length > 0);
        var warnings = new List<string>();
        var loaded = ScoreFiles.Load(path, warn: warnings.Add);
        Assert.Equal(Notes(Tune, "tune.abc"), Notes(loaded, path));
        Assert.All(warnings, w => Assert.StartsWith(path + ": ", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Abc_is_saved_and_loaded_as_it_is_or_in_NotaGen_form_and_back()
    {
        using var directory = new TempDirectory();
        var plain = directory.File("plain.abc");
        ScoreFiles.Save(Tune, plain);
        Assert.Equal(Tune, File.ReadAllText(plain));
        Assert.Equal(Tune, ScoreFiles.Load(plain));

        var interleaved = directory.File("interleaved.abc");
        ScoreFiles.Save(Tune, interleaved, new ScoreWriteOptions(InterleavedAbc: true));
        var text = File.ReadAllText(interleaved);
        Assert.Contains("[r:0/3]", text, StringComparison.Ordinal);
        Assert.Equal(Notes(Tune, "tune.abc"), Notes(ScoreFiles.Load(interleaved, new ScoreReadOptions(InterleavedAbc: true)), interleaved));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("noextension")]
    public void A_file_name_that_is_not_a_score_is_refused_naming_the_file(string fileName)
    {
        using var directory = new TempDirectory();
        var path = directory.File(fileName);
        File.WriteAllText(path, Tune);
        var load = Assert.Throws<ArgumentException>(() => ScoreFiles.Load(path));
        Assert.StartsWith(path + ": unknown score format", load.Message, StringComparison.Ordinal);
        var save = Assert.Throws<ArgumentException>(() => ScoreFiles.Save(Tune, path + ".out"));
        Assert.StartsWith(path + ".out: unknown output format", save.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("broken.musicxml")]
    [InlineData("broken.mid")]
    public void Damaged_abc_is_not_written_and_the_error_names_the_source_line_and_column(string fileName)
    {
        using var directory = new TempDirectory();
        var target = directory.File(fileName);
        var error = Assert.ThrowsAny<MusicFormatException>(() => ScoreFiles.Save("X:1\nM:4/4\nL:1/4\nK:C\nC D E F | G A B c ]]] |\n", target, source: "input.abc"));
        Assert.StartsWith("input.abc:5:", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_cancelled_save_writes_nothing()
    {
        using var directory = new TempDirectory();
        var target = directory.File("cancelled.mid");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => ScoreFiles.Save(Tune, target, cancel: cancel.Token));
        Assert.False(File.Exists(target));
    }
}
