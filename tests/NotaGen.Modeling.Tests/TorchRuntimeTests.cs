using NotaGen.Modeling.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void Device_names_parse_or_fail_clearly()
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.ParseDevice("CPU").type);
        Assert.Contains("Unknown device", Assert.Throws<ArgumentException>(() => TorchRuntime.ParseDevice("tpu")).Message);
        if (!cuda.is_available())
            Assert.Contains("environment.md", Assert.Throws<ArgumentException>(() => TorchRuntime.ParseDevice("cuda")).Message);
        else
            Assert.Equal(DeviceType.CUDA, TorchRuntime.ParseDevice("cuda").type);
    }

    [Fact]
    public void Thread_counts_below_one_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => TorchRuntime.SetThreads(0));
    }
}
