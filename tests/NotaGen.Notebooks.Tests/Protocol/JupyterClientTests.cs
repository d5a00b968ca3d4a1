using System.Text.Json.Nodes;
using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Protocol;

/// <summary>
/// The installed kernel (the built notagen CLI, through a kernelspec in a temporary prefix) driven by Jupyter's own
/// client code: jupyter_client for the protocol, nbclient for a notebook with a parameters cell injected as papermill
/// writes it. Each check is a function of <c>jupyter_checks.py</c> that prints one JSON object.
/// </summary>
public sealed class JupyterClientTests : IDisposable
{
    private readonly TempDirectory prefix = new("notagen-jupyter-client");

    public void Dispose() => prefix.Dispose();

    private JsonNode Check(string check, params string[] arguments)
    {
        var python = ExternalTool.RequirePythonModule("jupyter_client", "python3-jupyter-client");
        var cli = Path.Combine(AppContext.BaseDirectory, "notagen.dll");
        var install = ToolProcess.Run(DotnetMuxer.Find()!, [cli, "kernel", "install", "--prefix", prefix.Path, "--papermill-alias"], prefix.Path, new Dictionary<string, string>());
        Assert.True(install.ExitCode == 0, install.StandardError);
        var run = ToolProcess.Run(python, [Path.Combine(AppContext.BaseDirectory, "Protocol", "jupyter_checks.py"), check, .. arguments], RepositoryRoot.Require(),
            new Dictionary<string, string> { ["JUPYTER_PATH"] = prefix.File("share/jupyter") }, TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"{check} failed:\n{run.StandardError}");
        return JsonNode.Parse(run.StandardOutput.Trim().Split('\n')[^1])!;
    }

    [SkippableFact]
    public void A_failed_cell_aborts_the_cells_queued_behind_it()
    {
        var result = Check("stop_on_error");
        Assert.Equal(["error", "aborted", "aborted"], result["statuses"]!.AsArray().Select(s => (string?)s));
        Assert.Empty(result["streams"]!.AsArray());
        Assert.False((bool)result["reached_defined"]!);
    }

    [SkippableFact]
    public void Charts_and_pieces_arrive_as_native_mime_bundles()
    {
        var result = Check("mime_bundles");
        Assert.Equal("ok", (string?)result["chart_status"]);
        var chartMimes = result["chart_mimes"]!.AsArray().Select(m => (string?)m).ToList();
        Assert.Contains("application/vnd.plotly.v1+json", chartMimes);
        // With Chromium a PNG (which every front end shows) and no HTML copy of it; without, HTML saying why.
        if (ExternalTool.Find("chromium") is not null)
        {
            Assert.Equal(PngSignature, (string?)result["chart_png_head"]);
            Assert.DoesNotContain("text/html", chartMimes);
        }
        else
            Assert.Contains("text/html", chartMimes);
        Assert.True((bool)result["plotly_is_object"]!);
        Assert.Equal([1.5, 2.5, 2.0], result["plotly_trace_y"]!.AsArray().Select(v => (double)v!));
        Assert.False((bool)result["chart_html_has_script"]!);
        Assert.InRange((int)result["chart_bundle_bytes"]!, 100, 500_000);
        Assert.Equal("ok", (string?)result["piece_status"]);
        Assert.Contains("text/html", result["piece_mimes"]!.AsArray().Select(m => (string?)m));
        Assert.True((bool)result["piece_html_has_audio"]!);
        if (ExternalTool.Find("abcm2ps") is not null)
            Assert.Equal("<svg", (string?)result["piece_svg_starts"]);
        // The score also as a PNG, for front ends that show neither HTML nor SVG.
        if (ExternalTool.Find("abcm2ps") is not null && ExternalTool.Find("rsvg-convert") is not null)
        {
            Assert.Equal(PngSignature, (string?)result["piece_png_head"]);
            Assert.InRange((int)result["piece_png_bytes"]!, 1_000, 2_000_000);
        }
    }

    private const string PngSignature = "89504e470d0a1a0a";

    [SkippableFact]
    public void Inspect_in_the_installed_kernel_shows_the_workbenchs_own_documentation()
    {
        // The kernel runs from the CLI's folder: the XML documentation must have been copied there beside the assembly.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "NotaGen.Tokenization.xml")), "no NotaGen.Tokenization.xml beside the assembly");
        var result = Check("inspect", "BarPatchTokenizer.Decode(new List<Patch>())", "Decode");
        Assert.True((bool)result["found"]!);
        var text = (string?)result["text"];
        Assert.Contains("BarPatchTokenizer.Decode", text);
        Assert.Contains("BOS and EOS patches are skipped", text);
    }

    [SkippableFact]
    public void The_kernel_exits_when_its_client_is_killed()
    {
        var result = Check("client_dies");
        Assert.False((bool)result["kernel_alive_after"]!, $"kernel {result["kernel_pid"]} still runs 60 s after its client was killed");
    }

    [SkippableFact]
    public void Interrupting_a_long_generate_that_passes_Cancellation_stops_its_work()
    {
        var result = Check("interrupt", "5", Path.Combine(AppContext.BaseDirectory, "Protocol", "long_generate.csx"), "Cancellation");
        Assert.Equal("error", (string?)result["reply_status"]);
        Assert.Equal("Interrupted", (string?)result["ename"]);
        // Stopped within the grace period: nothing is reported as still running, and the next cell runs clean.
        Assert.DoesNotContain("still running", (string?)result["evalue"]);
        Assert.Equal("ok", (string?)result["next_cell"]);
        Assert.Equal("", (string?)result["next_cell_stderr"]);
    }

    [SkippableFact]
    public void A_notebook_with_papermill_parameters_runs_on_the_papermill_alias()
    {
        ExternalTool.RequirePythonModule("nbclient", "python3-nbclient");
        var notebook = prefix.File("parameters.ipynb");
        File.WriteAllText(notebook, """
            {"cells": [
              {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["parameters"]}, "outputs": [],
               "source": ["var steps = 1;\n", "var label = \"default\";\n", "var full = false;\n"]},
              {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
               "source": ["Console.WriteLine($\"{steps * 2} {label} {full}\");"]}
             ],
             "metadata": {"kernelspec": {"display_name": "C# (NotaGen)", "language": "C#", "name": "notagen-csharp"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);
        var output = prefix.File("executed.ipynb");
        var result = Check("papermill_style", notebook, output, ".net-csharp", "steps=21", "label=\"say \\\"hi\\\"\"", "full=true");
        Assert.Equal("// Parameters\nvar steps = 21;\nvar label = \"say \\\"hi\\\"\";\nvar full = true;\n", (string?)result["injected"]);
        var executed = JsonNode.Parse(File.ReadAllText(output))!;
        var printed = executed["cells"]!.AsArray().SelectMany(c => c!["outputs"]!.AsArray()).Select(o => string.Concat(o!["text"] switch
        {
            JsonArray lines => lines.Select(l => (string?)l),
            JsonValue v => [(string?)v],
            _ => [],
        })).ToList();
        Assert.Contains("42 say \"hi\" True\n", printed);
    }
}
