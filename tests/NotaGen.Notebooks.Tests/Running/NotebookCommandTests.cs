using System.Text.Json.Nodes;
using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;
using static NotaGen.Notebooks.Tests.Running.NotebookFiles;

namespace NotaGen.Notebooks.Tests.Running;

/// <summary><c>notagen notebook run</c> as a user runs it: the built CLI in its own process.</summary>
public sealed class NotebookCommandTests
{
    private static ExternalTool.Result Notagen(string workdir, params string[] arguments) =>
        ExternalTool.Run(DotnetMuxer.Find()!, [Path.Combine(AppContext.BaseDirectory, "notagen.dll"), .. arguments], workdir, TimeSpan.FromMinutes(3));

    [Fact]
    public void A_failing_cell_exits_1_naming_cell_and_line_and_saves_the_outputs_so_far()
    {
        using var dir = new TempDirectory("notagen-cli");
        var input = Write(dir.File("in.ipynb"), Code("var steps = 1;", "parameters"), Code("Console.WriteLine(steps);\nthrow new Exception(\"stop here\");"));
        var run = Notagen(dir.Path, "notebook", "run", input, "--output", dir.File("out.ipynb"), "-p", "steps=3", "--cell-timeout", "60");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cell 3 of 3", run.StandardError);
        Assert.Contains("line 2", run.StandardError);
        var saved = JsonNode.Parse(File.ReadAllText(dir.File("out.ipynb")))!;
        var outputs = saved["cells"]![2]!["outputs"]!.AsArray();
        Assert.Equal("3\n", (string?)outputs[0]!["text"]);
        Assert.Equal("error", (string?)outputs[1]!["output_type"]);
        // The input is left as it was when an output path is given.
        Assert.Null(JsonNode.Parse(File.ReadAllText(input))!["cells"]![0]!["execution_count"]);
    }

    [Fact]
    public void Kernel_install_writes_a_kernelspec_that_starts_this_cli()
    {
        using var dir = new TempDirectory("notagen-cli");
        var run = Notagen(dir.Path, "kernel", "install", "--prefix", dir.Path);
        Assert.Equal(0, run.ExitCode);
        var spec = JsonNode.Parse(File.ReadAllText(dir.File("share/jupyter/kernels/notagen-csharp/kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.True(File.Exists(argv[0]), $"{argv[0]} is not the dotnet executable");
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "notagen.dll"), argv[1]);
        Assert.Equal(["kernel", "--connection-file", "{connection_file}"], argv.Skip(2));
        Assert.Equal("C#", (string?)spec["language"]);
        Assert.Equal("message", (string?)spec["interrupt_mode"]);
    }
}
