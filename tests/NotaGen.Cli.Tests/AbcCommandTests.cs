using System.Text.Json;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

public sealed class AbcCommandTests
{
    private static string Example => Path.Combine(RepositoryRoot.Require(), "data", "examples", "minuet.abc");

    [Fact]
    public void The_readme_example_checks_clean()
    {
        var result = Notagen.Run(RepositoryRoot.Require(), "abc", "check", Example);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_file_line_and_column_and_exit_code_1()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("bad.abc"), "X:1\nT:bad\nK:C\n[CEG c|\n");
        var result = Notagen.Run(temp.Path, "abc", "check", "bad.abc");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.abc:4:1: unclosed chord '['", result.StandardOutput + result.StandardError);
    }

    [Fact]
    public void Json_report_names_each_file_and_its_verdict()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("bad.abc"), "X:1\nK:C\n[CEG\n");
        var result = Notagen.Run(temp.Path, "abc", "check", "--json", Example, "bad.abc");
        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.StandardOutput);
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.True(files[0].GetProperty("ok").GetBoolean());
        Assert.False(files[1].GetProperty("ok").GetBoolean());
        Assert.Equal(1, report.RootElement.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Transposing_to_another_key_and_back_gives_the_original_text()
    {
        using var temp = new TempDirectory();
        var there = Notagen.Run(temp.Path, "abc", "transpose", Example, "in-d.abc", "--to", "D");
        Assert.True(there.ExitCode == 0, there.StandardError);
        Assert.Contains("K:D", File.ReadAllText(temp.File("in-d.abc")));
        var back = Notagen.Run(temp.Path, "abc", "transpose", "in-d.abc", "in-g.abc", "--to", "G");
        Assert.True(back.ExitCode == 0, back.StandardError);
        Assert.Equal(File.ReadAllText(Example), File.ReadAllText(temp.File("in-g.abc")));
    }

    [Fact]
    public void Interleave_then_deinterleave_keeps_every_voice_line()
    {
        using var temp = new TempDirectory();
        // The layout NotaGen's converter writes: V: declarations in the header, then each voice's body after a V: line.
        File.WriteAllText(temp.File("duet.abc"),
            "X:1\nT:Duet\n%%score 1 2\nL:1/8\nM:2/4\nK:C\nV:1 treble\nV:2 bass\nV:1\nCDEF|GABc|]\nV:2\nC,4|z4|]\n");
        var interleave = Notagen.Run(temp.Path, "abc", "interleave", "duet.abc", "interleaved.abc", "--reduce-rests");
        Assert.True(interleave.ExitCode == 0, interleave.StandardError);
        var body = File.ReadAllLines(temp.File("interleaved.abc")).Where(l => l.StartsWith("[V:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["[V:1]CDEF|[V:2]C,4|", "[V:1]GABc|]"], body);

        var deinterleave = Notagen.Run(temp.Path, "abc", "deinterleave", "interleaved.abc", "standard.abc");
        Assert.True(deinterleave.ExitCode == 0, deinterleave.StandardError);
        Assert.Equal(0, Notagen.Run(temp.Path, "abc", "check", "standard.abc").ExitCode);
    }

    [Fact]
    public void Interleaving_a_tune_without_the_converter_layout_is_refused_with_the_reason()
    {
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, "abc", "interleave", Example, "interleaved.abc");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no line 'V:1' starts the tune body", result.StandardError + result.StandardOutput);
        Assert.False(File.Exists(temp.File("interleaved.abc")));
    }
}
