using System.CommandLine;
using System.Diagnostics;
using NotaGen.Notebooks.Running;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen figures --out DIR [--smoke]</c>: runs <c>notebooks/08-paper-figures.ipynb</c> headless, which writes
/// each figure as SVG, PNG and HTML with its data as CSV into DIR; the executed notebook is saved there too.
/// </summary>
internal static class FiguresCommand
{
    private const string NotebookName = "08-paper-figures.ipynb";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the figures (created if missing).", Required = true };
        var smoke = new Option<bool>("--smoke") { Description = "The small setting CI uses: few files, the tiny benchmark preset." };
        var model = new Option<string?>("--model") { Description = "Saved model directory (default: the bundled data/models/default)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw.", DefaultValueFactory = _ => 1 };
        var noImages = new Option<bool>("--no-static") { Description = "Leave SVG/PNG out (they need headless Chromium, Debian chromium)." };
        var notebook = new Option<FileInfo?>("--notebook") { Description = $"The figures notebook (default: notebooks/{NotebookName} of the repository)." };
        var command = new Command("figures", "Regenerate the paper figures (SVG, PNG, HTML and CSV data) by running the figures notebook headless.")
        {
            output, smoke, model, seed, noImages, notebook,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(notebook)?.FullName ?? FindNotebook();
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine($"notagen figures: cannot find notebooks/{NotebookName}; run from the repository or pass --notebook PATH");
                return 2;
            }
            var outDir = parse.GetValue(output)!;
            outDir.Create();
            var values = new List<KeyValuePair<string, string>>
            {
                new("output", outDir.FullName),
                new("smoke", parse.GetValue(smoke) ? "true" : "false"),
                new("seed", parse.GetValue(seed).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("staticImages", parse.GetValue(noImages) ? "false" : "true"),
            };
            if (parse.GetValue(model) is { } m)
                values.Add(new("model", Path.GetFullPath(m)));

            var document = NotebookDocument.Load(path);
            var clock = Stopwatch.StartNew();
            var result = await NotebookRunner.RunAsync(document, new ScriptSession(Path.GetDirectoryName(path)!), new NotebookRunOptions(values), cancel);
            var executed = Path.Combine(outDir.FullName, NotebookName);
            document.Save(executed);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine($"notagen figures: {result.Failure} (executed notebook saved to {executed})");
                return 1;
            }
            var files = outDir.GetFiles().Count(f => f.Extension is ".csv" or ".svg" or ".png" or ".html");
            Console.WriteLine($"{files} figure files in {outDir.FullName} ({clock.Elapsed.TotalSeconds:0.0} s); notebook with outputs: {executed}");
            return 0;
        });
        return command;
    }

    /// <summary>The notebook in the repository that holds the working directory or this program.</summary>
    private static string? FindNotebook()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "notebooks", NotebookName);
                if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "NotaGen.Research.sln")))
                    return candidate;
            }
        }
        return null;
    }
}
