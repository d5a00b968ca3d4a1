using System.Text.Json;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>The JSON formats outside checks read: keep them stable.</summary>
public sealed class ModelAndTokenizerCommandTests
{
    [Fact]
    public void Model_info_reports_the_exact_parameter_count_of_a_preset()
    {
        var result = Notagen.Run(Path.GetTempPath(), "model", "info", "--preset", "small", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var info = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("small", info.RootElement.GetProperty("preset").GetString());
        Assert.Equal(109_579_776, info.RootElement.GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void Tokenize_json_lists_patches_of_16_ids_between_the_bos_and_eos_patches()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("piece.abc"), "%%score 1\nL:1/8\nM:2/4\nK:C\nV:1 treble\n[V:1]CDEF|GABc|]\n");
        var result = Notagen.Run(temp.Path, "tokenize", "piece.abc", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var patches = json.RootElement.GetProperty("patches").EnumerateArray()
            .Select(p => p.EnumerateArray().Select(id => id.GetInt32()).ToArray()).ToList();
        Assert.All(patches, p => Assert.Equal(16, p.Length));
        Assert.Equal([.. Enumerable.Repeat(1, 15), 2], patches[0]);
        Assert.Equal([1, .. Enumerable.Repeat(2, 15)], patches[^1]);
        // "%%score 1\n" + EOS, padded: the first header line is its own patch.
        Assert.Equal("%%score 1\n", string.Concat(patches[1].TakeWhile(id => id != 2).Select(id => (char)id)));
    }
}
