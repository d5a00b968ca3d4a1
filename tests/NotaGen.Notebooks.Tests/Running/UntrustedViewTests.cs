using System.Text.Json.Nodes;
using NotaGen.Notebooks.Running;
using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Running;

/// <summary>
/// What an untrusted viewer shows of an executed notebook: nbconvert's HTML of it in headless Chromium with
/// JavaScript off (Debian 12 serves no JupyterLab or Notebook 7), measured by <c>Protocol/untrusted_view.py</c>.
/// <c>NOTAGEN_UNTRUSTED_SCREENSHOT=path.png</c> keeps the screenshot.
/// </summary>
public sealed class UntrustedViewTests
{
    private const string Notebook = """
        {"cells": [
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
           "source": ["using Plotly.NET.CSharp;\n", "Chart.Line<int, double, string>(x: new[] { 1, 2, 3, 4 }, y: new[] { 2.5, 2.0, 1.75, 1.6 }, Name: \"loss\")"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
           "source": ["new PieceDisplay(\"X:1\\nT:Scale\\nM:4/4\\nL:1/8\\nK:C\\nCDEF GABc|c2 B2 A2 G2|\\n\", \"Scale\")"]},
          {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
           "source": ["HTML(\"<script>document.body.dataset.scriptRan = 'yes';</script><p>a script that must not run</p>\")"]}
         ],
         "metadata": {"kernelspec": {"display_name": "C# (NotaGen)", "language": "C#", "name": "notagen-csharp"}},
         "nbformat": 4, "nbformat_minor": 5}
        """;

    [SkippableFact]
    public async Task Charts_and_scores_show_in_nbconverts_html_with_javascript_off()
    {
        ExternalTool.Require("chromium", "chromium");
        ExternalTool.Require("abcm2ps", "abcm2ps");
        var nbconvert = ExternalTool.Require("jupyter-nbconvert", "jupyter-nbconvert");
        var python = ExternalTool.Require("python3", "python3");
        using var temp = new TempDirectory("notagen-untrusted");
        var path = temp.File("small.ipynb");
        File.WriteAllText(path, Notebook);
        var notebook = NotebookDocument.Load(path);
        var run = await NotebookRunner.RunAsync(notebook, new ScriptSession(temp.Path), new NotebookRunOptions([], TimeSpan.FromMinutes(2)));
        Assert.True(run.Succeeded, run.Failure);
        notebook.Save(path);

        var html = ToolProcess.Run(nbconvert, ["--to", "html", "--output", "small.html", "small.ipynb"], temp.Path, new Dictionary<string, string>());
        Assert.True(html.ExitCode == 0, html.StandardError);
        var screenshot = Environment.GetEnvironmentVariable("NOTAGEN_UNTRUSTED_SCREENSHOT") is { Length: > 0 } kept ? kept : temp.File("view.png");
        var view = ToolProcess.Run(python, [Path.Combine(AppContext.BaseDirectory, "Protocol", "untrusted_view.py"), temp.File("small.html"), screenshot],
            temp.Path, new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
        Assert.True(view.ExitCode == 0, view.StandardError);
        var result = JsonNode.Parse(view.StandardOutput.Trim().Split('\n')[^1])!;

        // Scripts were off: the displayed script did not run.
        Assert.False((bool)result["scripts_ran"]!);
        // The chart as its PNG, the score as its SVG image (the piece's HTML), both loaded and not blank.
        Assert.Equal(1, (int)result["png_visible"]!);
        Assert.Equal(1, (int)result["svg_visible"]!);
        Assert.Equal((int)result["images"]!, (int)result["loaded"]!);
        var shot = File.ReadAllBytes(screenshot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, shot[..4]);
    }
}
