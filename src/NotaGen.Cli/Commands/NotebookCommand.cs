using System.CommandLine;
using System.Diagnostics;
using NotaGen.Notebooks.Running;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen notebook run</c>: runs a notebook headless, papermill-style, writing its outputs back.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var command = new Command("notebook", "Work with C# notebooks (.ipynb).");
        command.Subcommands.Add(CreateRun());
        return command;
    }

    private static Command CreateRun()
    {
        var input = new Argument<FileInfo>("notebook") { Description = "The .ipynb to run." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the executed notebook (default: over the input)." };
        var parameters = new Option<string[]>("--parameter", "-p") { Description = "name=value, injected after the cell tagged 'parameters' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var cellTimeout = new Option<double?>("--cell-timeout") { Description = "Stop a cell that runs longer than this many seconds." };
        var command = new Command("run", "Run every C# cell in order; outputs are saved into the notebook; a failing cell stops the run with exit code 1.")
        {
            input, output, parameters, cellTimeout,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var file = parse.GetValue(input)!;
            var values = new List<KeyValuePair<string, string>>();
            foreach (var p in parse.GetValue(parameters) ?? [])
            {
                var eq = p.IndexOf('=');
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"notagen notebook run: parameter '{p}' is not name=value");
                    return 2;
                }
                values.Add(new(p[..eq], p[(eq + 1)..]));
            }
            NotebookDocument notebook;
            try
            {
                notebook = NotebookDocument.Load(file.FullName);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                Console.Error.WriteLine($"notagen notebook run: {e.Message}");
                return 2;
            }
            var timeout = parse.GetValue(cellTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var target = parse.GetValue(output)?.FullName ?? file.FullName;
            var clock = Stopwatch.StartNew();
            NotebookRunResult result;
            try
            {
                result = await NotebookRunner.RunAsync(notebook, new ScriptSession(file.DirectoryName!), new NotebookRunOptions(values, timeout), cancel);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"notagen notebook run: {e.Message}");
                return 2;
            }
            notebook.Save(target);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"notagen notebook run: {file.Name}: {result.Failure} (outputs so far saved to {target})");
                return 1;
            }
            Console.WriteLine($"{file.Name}: {result.CellsRun} cells ran in {clock.Elapsed.TotalSeconds:0.0} s; saved to {target}");
            return 0;
        });
        return command;
    }
}
