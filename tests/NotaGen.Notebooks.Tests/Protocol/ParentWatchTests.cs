using System.Diagnostics;
using System.Globalization;
using NotaGen.Notebooks.Kernel;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Protocol;

/// <summary>A kernel whose client died must not live on: JPY_PARENT_PID (and re-parenting) are watched.</summary>
public sealed class ParentWatchTests
{
    private static Process StartSleeper()
    {
        var sleep = ExternalTool.Require("sleep", "coreutils");
        var info = new ProcessStartInfo(sleep) { UseShellExecute = false };
        info.ArgumentList.Add("600");
        return Process.Start(info)!;
    }

    [SkippableFact]
    public void The_named_parent_counts_as_gone_once_it_exits()
    {
        Skip.If(OperatingSystem.IsWindows(), "JPY_PARENT_PID is a handle on Windows");
        using var parent = StartSleeper();
        var watch = new ParentWatch(parent.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Null(watch.ParentGone());
        parent.Kill();
        parent.WaitForExit();
        Assert.Contains($"parent process {parent.Id}", watch.ParentGone());
    }

    [Fact]
    public void Without_a_named_parent_a_living_parent_is_not_gone()
    {
        Assert.Null(new ParentWatch(null).ParentGone());
        Assert.Null(new ParentWatch("not a pid").ParentGone());
    }

    [SkippableFact]
    public async Task The_kernel_shuts_down_when_its_parent_dies()
    {
        Skip.If(OperatingSystem.IsWindows(), "JPY_PARENT_PID is a handle on Windows");
        using var parent = StartSleeper();
        using var dir = new TempDirectory("notagen-kernel");
        using var client = new KernelTestClient(dir.Path, new ParentWatch(parent.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("ok", (string?)client.Execute("1").Reply.Content["status"]);
        Assert.False(client.ServerRun.IsCompleted);

        parent.Kill();
        // A bound for a hang, not a timing claim: the watch looks once a second.
        var restart = await client.ServerRun.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(restart);
    }
}
