using System.Text.Json.Nodes;
using NotaGen.Notebooks.Running;
using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;
using static NotaGen.Notebooks.Tests.Running.NotebookFiles;

namespace NotaGen.Notebooks.Tests.Running;

public sealed class NotebookRunnerTests : IDisposable
{
    private readonly TempDirectory dir = new("notagen-runner");

    public void Dispose() => dir.Dispose();

    private async Task<(NotebookRunResult Result, NotebookDocument Notebook)> Run(string path, params (string Name, string Value)[] parameters)
    {
        var notebook = NotebookDocument.Load(path);
        var result = await NotebookRunner.RunAsync(notebook, new ScriptSession(dir.Path, nugetCacheRoot: dir.File("nuget")),
            new NotebookRunOptions([.. parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))]));
        return (result, notebook);
    }

    private static IEnumerable<JsonObject> CodeCells(NotebookDocument notebook) =>
        notebook.Cells.OfType<JsonObject>().Where(c => (string?)c["cell_type"] == "code");

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_and_override_its_defaults()
    {
        var path = Write(dir.File("p.ipynb"),
            Markdown("# title"),
            Code("var steps = 1;\nvar name = \"default\";", "parameters"),
            Code("$\"{name}:{steps * 2}\""));
        var (result, notebook) = await Run(path, ("steps", "21"), ("name", "bob \"the\" builder"));

        Assert.True(result.Succeeded, result.Failure);
        var cells = notebook.Cells.OfType<JsonObject>().ToList();
        Assert.Contains(ParameterInjection.InjectedTag, NotebookDocument.TagsOf(cells[2]));
        var last = cells[3]["outputs"]!.AsArray().Single()!;
        Assert.Equal("execute_result", (string?)last["output_type"]);
        Assert.Equal("bob \"the\" builder:42", (string?)last["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_second_run_replaces_the_injected_cell()
    {
        var path = Write(dir.File("p.ipynb"), Code("var n = 1;", "parameters"), Code("n"));
        var (_, first) = await Run(path, ("n", "5"));
        first.Save(path);
        var (result, second) = await Run(path, ("n", "7"));
        Assert.True(result.Succeeded, result.Failure);
        Assert.Single(second.Cells, c => NotebookDocument.TagsOf(c!).Contains(ParameterInjection.InjectedTag));
        Assert.Equal("7", (string?)CodeCells(second).Last()["outputs"]![0]!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_naming_cell_and_line()
    {
        var path = Write(dir.File("f.ipynb"),
            Code("Console.WriteLine(\"first\");"),
            Code("var a = 1;\nthrow new InvalidOperationException(\"broken\");"),
            Code("Console.WriteLine(\"never\");"));
        var (result, notebook) = await Run(path);

        Assert.False(result.Succeeded);
        Assert.Contains("cell 2 of 3", result.Failure);
        Assert.Contains("line 2", result.Failure);
        Assert.Contains("broken", result.Failure);
        var cells = CodeCells(notebook).ToList();
        Assert.Equal("first\n", (string?)cells[0]["outputs"]![0]!["text"]);
        Assert.Equal("error", (string?)cells[1]["outputs"]![0]!["output_type"]);
        Assert.Empty(cells[2]["outputs"]!.AsArray());
        Assert.Null(cells[2]["execution_count"]);
    }

    [Fact]
    public async Task Outputs_and_metadata_are_saved_as_nbformat_4_5_for_jupyter_and_polyglot()
    {
        var path = Write(dir.File("o.ipynb"), Code("Console.Write(\"a\");\nConsole.WriteLine(\"b\");\ndisplay(\"shown\");\n1 + 1"));
        var (result, notebook) = await Run(path);
        Assert.True(result.Succeeded, result.Failure);
        var output = dir.File("out/o.ipynb");
        notebook.Save(output);
        Assert.Empty(Directory.GetFiles(dir.File("out"), "*.tmp"));

        var saved = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal(5, (int)saved["nbformat_minor"]!);
        Assert.Equal("notagen-csharp", (string?)saved["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("C#", (string?)saved["metadata"]!["language_info"]!["name"]);
        Assert.Equal("csharp", (string?)saved["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        var cell = saved["cells"]![0]!;
        Assert.False(string.IsNullOrEmpty((string?)cell["id"]));
        Assert.Equal("csharp", (string?)cell["metadata"]!["polyglot_notebook"]!["kernelName"]);
        Assert.Equal(1, (int)cell["execution_count"]!);
        var outputs = cell["outputs"]!.AsArray();
        Assert.Equal(["stream", "display_data", "execute_result"], outputs.Select(o => (string?)o!["output_type"]));
        Assert.Equal("ab\n", (string?)outputs[0]!["text"]);
        Assert.Equal("2", (string?)outputs[2]!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task Display_updates_replace_the_saved_output()
    {
        var path = Write(dir.File("u.ipynb"), Code("var curve = display(\"step 0\");"), Code("curve.Update(\"step 100\");"));
        var (result, notebook) = await Run(path);
        Assert.True(result.Succeeded, result.Failure);
        var shown = CodeCells(notebook).First()["outputs"]!.AsArray().Single()!;
        Assert.Equal("step 100", (string?)shown["data"]!["text/plain"]);
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("-12", "-12")]
    [InlineData("5000000000", "5000000000L")]
    [InlineData("0.5", "0.5")]
    [InlineData("2.0", "2.0")]
    [InlineData("true", "true")]
    [InlineData("corpus/a b.abc", "\"corpus/a b.abc\"")]
    [InlineData("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\"")]
    public void Command_line_values_become_csharp_literals(string value, string literal) =>
        Assert.Equal(literal, ParameterInjection.Literal(value));
}
