using System.Text.Json.Nodes;
using NotaGen.Notebooks.Running;
using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Running;

/// <summary>
/// The repository's notebooks, run both ways CI promises: in-process with the headless runner, and through a real
/// Jupyter client (nbconvert) against the installed kernelspec and the built notagen CLI.
/// </summary>
public sealed class RepositoryNotebookTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot.Find();
        foreach (var path in root is null ? [] : Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray())
            data.Add(Path.GetFileName(path));
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_notebook_runs_headless(string name)
    {
        SharedData.Require("corpus");
        var path = Path.Combine(RepositoryRoot.Require(), "notebooks", name);
        var notebook = NotebookDocument.Load(path);
        using var output = new TempDirectory("notagen-notebook-output");
        // The figures notebook writes into the repository by default and renders SVG/PNG through Chromium (tested apart):
        // here it writes into a temporary folder, HTML and CSV only.
        KeyValuePair<string, string>[] parameters = name == "08-paper-figures.ipynb"
            ? [new("output", output.Path), new("staticImages", "false")]
            : [];
        var result = await NotebookRunner.RunAsync(notebook, new ScriptSession(Path.GetDirectoryName(path)!), new NotebookRunOptions(parameters, TimeSpan.FromMinutes(3)));
        Assert.True(result.Succeeded, result.Failure);
        Assert.True(result.CellsRun > 0);

        // A notebook that runs but shows nothing fails: count what its outputs show.
        var outputs = notebook.Cells.OfType<JsonObject>()
            .Where(c => (string?)c["cell_type"] == "code")
            .SelectMany(c => c["outputs"]!.AsArray().OfType<JsonObject>())
            .ToList();
        Assert.DoesNotContain(outputs, o => (string?)o["output_type"] == "error");
        var shown = NotebookOutputs.Count(outputs);
        Assert.True(shown.Values.Sum() > 0, $"{name} showed no chart, table, score or audio");
        var expected = NotebookOutputs.Expected.GetValueOrDefault(name, NotebookOutputs.AnyRich);
        foreach (var (kind, minimum) in expected)
            Assert.True(shown[kind] >= minimum, $"{name} showed {shown[kind]} {kind}(s), expected at least {minimum}");
        var text = outputs.Select(o => NotebookOutputs.Text(o["data"]?["text/plain"]) + NotebookOutputs.Text(o["text"])).ToList();
        foreach (var expectedText in NotebookOutputs.ExpectedText.GetValueOrDefault(name, []))
            Assert.True(text.Any(t => t.Contains(expectedText, StringComparison.Ordinal)), $"{name} printed no '{expectedText}'");
    }

    [SkippableFact]
    public void Quickstart_runs_through_jupyter_nbconvert_with_the_installed_kernel()
    {
        var nbconvert = ExternalTool.Require("jupyter-nbconvert", "jupyter-nbconvert");
        SharedData.Require("corpus");
        using var temp = new TempDirectory("notagen-nbconvert");
        var cli = Path.Combine(AppContext.BaseDirectory, "notagen.dll");
        var dotnet = DotnetMuxer.Find()!;

        var install = ToolProcess.Run(dotnet, [cli, "kernel", "install", "--prefix", temp.Path], temp.Path, new Dictionary<string, string>());
        Assert.True(install.ExitCode == 0, install.StandardError);
        var spec = JsonNode.Parse(File.ReadAllText(temp.File("share/jupyter/kernels/notagen-csharp/kernel.json")))!;
        Assert.Equal("C# (NotaGen)", (string?)spec["display_name"]);

        File.Copy(Path.Combine(RepositoryRoot.Require(), "notebooks", "00-quickstart.ipynb"), temp.File("quickstart.ipynb"));
        var run = ToolProcess.Run(nbconvert,
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=notagen-csharp", "--ExecutePreprocessor.timeout=300",
             "--output", "executed.ipynb", "quickstart.ipynb"],
            temp.Path,
            new Dictionary<string, string> { ["JUPYTER_PATH"] = temp.File("share/jupyter"), ["NOTAGEN_SHARED"] = SharedData.Require() });
        Assert.True(run.ExitCode == 0, run.StandardError);

        var executed = JsonNode.Parse(File.ReadAllText(temp.File("executed.ipynb")))!;
        var outputs = executed["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .SelectMany(c => c!["outputs"]!.AsArray())
            .ToList();
        Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "error");
        var html = outputs.Select(o => NotebookOutputs.Text(o!["data"]?["text/html"])).Where(h => h.Length > 0).ToList();
        Assert.Contains(html, h => h.Contains("notagen-piece") && h.Contains("<details><summary>ABC</summary>"));
        Assert.Contains(outputs, o => NotebookOutputs.Text(o!["data"]?["text/plain"]).Contains("tunes in the file"));
        Assert.Equal(2, html.Count(h => h.Contains("<audio controls src=\"data:audio/wav;base64,")));
        Assert.Contains(outputs, o => NotebookOutputs.Text(o!["text"]).Contains("Moved by"));
    }
}
