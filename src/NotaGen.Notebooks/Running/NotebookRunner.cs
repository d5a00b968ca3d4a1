using System.Text.Json.Nodes;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Notebooks.Running;

/// <summary>What a headless run asks for: parameter values (name=value) and an optional time limit per cell.</summary>
public sealed record NotebookRunOptions(IReadOnlyList<KeyValuePair<string, string>> Parameters, TimeSpan? CellTimeout = null);

/// <summary>How a headless run ended; on failure, which cell and line, in words for the console.</summary>
public sealed record NotebookRunResult(bool Succeeded, int CellsRun, string? Failure);

/// <summary>
/// Runs a notebook's C# cells in order in one in-process session, papermill-style: parameters are injected,
/// outputs are written into the cells, and the first failing cell stops the run (later cells are left unrun).
/// </summary>
public static class NotebookRunner
{
    private static readonly HashSet<string> CSharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    public static async Task<NotebookRunResult> RunAsync(NotebookDocument notebook, ScriptSession session, NotebookRunOptions options, CancellationToken cancel = default)
    {
        ParameterInjection.Inject(notebook, options.Parameters);
        notebook.Normalize();
        var cells = notebook.Cells.OfType<JsonObject>().ToList();
        foreach (var cell in cells.Where(c => (string?)c["cell_type"] == "code"))
        {
            cell["outputs"] = new JsonArray();
            cell["execution_count"] = null;
        }

        var displays = new Dictionary<string, List<JsonObject>>();
        var count = 0;
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index];
            if ((string?)cell["cell_type"] != "code")
                continue;
            var outputs = (JsonArray)cell["outputs"]!;
            var where = $"cell {index + 1} of {cells.Count} (id {(string?)cell["id"]})";
            var language = (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"];
            if (language is not null && !CSharpNames.Contains(language))
                return new NotebookRunResult(false, count, $"{where}: is a '{language}' cell; this runner runs C# only.");

            cell["execution_count"] = ++count;
            var outcome = await session.ExecuteAsync(NotebookDocument.SourceOf(cell), new NotebookCellOutput(outputs, displays), count, cancel, options.CellTimeout);
            if (!outcome.Succeeded)
            {
                var line = outcome.Line is { } l ? $", line {l}" : "";
                return new NotebookRunResult(false, count, $"{where}{line}: {outcome.ErrorName}: {outcome.ErrorValue}");
            }
        }
        return new NotebookRunResult(true, count, null);
    }
}
