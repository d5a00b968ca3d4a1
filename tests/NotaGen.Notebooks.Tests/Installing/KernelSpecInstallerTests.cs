using System.Buffers.Binary;
using System.Text.Json.Nodes;
using NotaGen.Notebooks.Installing;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Installing;

public sealed class KernelSpecInstallerTests
{
    [Fact]
    public void The_spec_carries_its_environment_and_two_logos()
    {
        using var dir = new TempDirectory("notagen-kernelspec");
        var folder = KernelSpecInstaller.Install(dir.Path, ["/usr/bin/dotnet", "/x/notagen.dll", "kernel", "--connection-file", "{connection_file}"],
            new Dictionary<string, string> { ["NOTAGEN_SHARED"] = "/data/shared" });

        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!;
        Assert.Equal("/data/shared", (string?)spec["env"]!["NOTAGEN_SHARED"]);
        Assert.Equal("message", (string?)spec["interrupt_mode"]);
        Assert.Equal("{connection_file}", (string?)spec["argv"]![4]);
        foreach (var size in new[] { 32, 64 })
        {
            var png = File.ReadAllBytes(Path.Combine(folder, $"logo-{size}x{size}.png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
    }

    [Fact]
    public void The_papermill_alias_is_the_same_kernel_under_the_name_papermill_translates_for()
    {
        using var dir = new TempDirectory("notagen-kernelspec");
        string[] argv = ["/usr/bin/dotnet", "/x/notagen.dll", "kernel", "--connection-file", "{connection_file}"];
        var main = KernelSpecInstaller.Install(dir.Path, argv);
        var alias = KernelSpecInstaller.Install(dir.Path, argv, name: KernelSpecInstaller.PapermillAlias);
        Assert.Equal(".net-csharp", Path.GetFileName(alias));
        var a = JsonNode.Parse(File.ReadAllText(Path.Combine(main, "kernel.json")))!;
        var b = JsonNode.Parse(File.ReadAllText(Path.Combine(alias, "kernel.json")))!;
        Assert.True(JsonNode.DeepEquals(a["argv"], b["argv"]));
        Assert.Null(a["env"]);
        Assert.Contains(".net-csharp", (string?)b["display_name"]);
    }
}
