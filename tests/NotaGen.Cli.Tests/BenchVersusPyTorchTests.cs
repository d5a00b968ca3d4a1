using System.Text.Json.Nodes;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// <c>notagen bench generate --versus-pytorch</c>: the PyTorch loop must compute what our decoders compute on the same
/// exported file, or its times are not of equal work. No assertion on the times themselves.
/// </summary>
public sealed class BenchVersusPyTorchTests
{
    [Fact]
    public void The_PyTorch_loop_replays_our_patches_with_the_same_logits_and_both_sides_report_time_and_memory()
    {
        var python = ExternalTool.RequirePythonModule("torch", "python3-torch");
        using var temp = new TempDirectory();
        var result = Notagen.Run(temp.Path, "bench", "generate", "--preset", "tiny", "--versus-pytorch", "--patches", "4",
            "--threads", "2", "--python", python, "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        var json = JsonNode.Parse(result.StandardOutput)!.AsObject();

        Assert.Equal(4, (int)json["patches"]!);
        Assert.Equal(2, (int)json["compared_patches"]!);
        var difference = (double)json["max_abs_logit_difference"]!;
        Assert.True(difference < 1e-4, $"PyTorch's character logits differ from ours by {difference}");
        Assert.True((bool)json["thread_counts_bit_identical"]!, "our decoders gave different bits on 1 and 2 threads");
        Assert.True((double)json["char_forwards_per_patch"]! is >= 1 and <= 16);
        foreach (var key in new[] { "ours_s_per_patch", "pytorch_s_per_patch", "ours_peak_rss_mb", "pytorch_peak_rss_mb" })
            Assert.True((double)json[key]! > 0, $"{key} = {json[key]}");
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));   // the checkpoint and replay files are in a temporary folder, removed
    }

    [Fact]
    public void A_python_that_cannot_be_started_is_named_and_the_command_fails()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "no-such-python3");
        var result = Notagen.Run(temp.Path, "bench", "generate", "--preset", "tiny", "--versus-pytorch", "--patches", "2",
            "--threads", "1", "--python", missing);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.StandardError);
        Assert.Contains("python3-torch", result.StandardError);
    }
}
