using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using NotaGen.Notebooks.Display;

namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// One notebook's C# state: cells compile with Roslyn scripting as successive submissions, so each sees the
/// variables, types and usings of the ones before. Cells run on their own thread so an interrupt or time limit
/// can stop waiting for one: a blocked cell is woken (Thread.Interrupt), one that keeps computing is left behind
/// and the session carries on from the state before it.
/// </summary>
public sealed class ScriptSession
{
    private readonly CellGlobals globals;
    private readonly NuGetRestorer restorer;
    private readonly string notebookDirectory;
    private readonly List<PackageRequest> packages = [];
    private readonly List<string> packageSources = [];
    private readonly HashSet<string> packageAssemblies = new(StringComparer.Ordinal);
    private ScriptOptions options;
    private ScriptState<object>? state;
    private readonly List<(int Cell, Thread Thread)> abandoned = [];

    public ScriptSession(string notebookDirectory, IReadOnlyList<ScriptLibrary>? libraries = null, string? nugetCacheRoot = null)
    {
        this.notebookDirectory = Path.GetFullPath(notebookDirectory);
        globals = new CellGlobals(this.notebookDirectory);
        restorer = new NuGetRestorer(nugetCacheRoot ?? NuGetRestorer.DefaultCacheRoot);
        libraries ??= WorkbenchLibraries.All;
        ConsoleCapture.Install();
        WorkbenchFormatters.EnsureRegistered();

        var framework = HostAssemblies.SharedFramework();
        var frameworkDocs = new XmlDocumentation(XmlDocumentation.FrameworkFiles());
        var references = libraries.Select(l => HostAssemblies.Find(l.AssemblyName))
            .OfType<string>()
            .Concat(framework)
            .Append(typeof(CellGlobals).Assembly.Location)
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p, documentation: framework.Contains(p)
                ? frameworkDocs
                : XmlDocumentation.Beside(p) is { } xml ? new XmlDocumentation([xml]) : null));
        options = ScriptOptions.Default
            .WithReferences(references)
            .WithImports(libraries.SelectMany(l => l.Imports).Distinct())
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(this.notebookDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(this.notebookDirectory))
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true)
            // Debug information and an encoding give run-time exceptions their cell line numbers.
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
    }

    /// <summary>How long an interrupted cell may take to notice before the session stops waiting for it.</summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(2);

    public string NotebookDirectory => notebookDirectory;

    /// <summary>Runs one cell; its output (console text, displays, the trailing value, the error) goes to
    /// <paramref name="output"/>. <paramref name="timeout"/> stops it like an interrupt.</summary>
    public async Task<CellOutcome> ExecuteAsync(string text, ICellOutput output, int executionCount, CancellationToken interrupt,
        TimeSpan? timeout = null, Func<string, string>? input = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        if (timeout is { } t)
            limit.CancelAfter(t);
        var context = new CellContext(output, limit.Token, input);
        if (StillRunning() is { Length: > 0 } running)
            output.Stream("stderr", $"Warning: interrupted cell(s) {running} still running in the background; restart the kernel to stop them.\n");
        string StopReason() => interrupt.IsCancellationRequested
            ? "The cell was interrupted."
            : $"The cell ran longer than its time limit of {timeout?.TotalSeconds:0.#} s.";
        CellOutcome outcome;
        try
        {
            outcome = await RunAsync(text, context, executionCount, limit.Token, StopReason);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Stopped while compiling, before the cell's code began.
            outcome = CellOutcome.Failure("Interrupted", StopReason(), [StopReason()], interrupted: true);
        }
        context.Close();
        if (!outcome.Succeeded)
            output.Error(outcome.ErrorName, outcome.ErrorValue, outcome.Traceback ?? []);
        return outcome;
    }

    private async Task<CellOutcome> RunAsync(string text, CellContext context, int executionCount, CancellationToken stop, Func<string> stopReason)
    {
        var source = CellSource.Parse(text);
        if (source.Problem is not null)
            return CellOutcome.Failure("UnsupportedMagic", source.Problem, [source.Problem]);
        if (source.Packages.Count > 0 || source.PackageSources.Count > 0)
        {
            try
            {
                AddPackages(source);
            }
            catch (PackageRestoreException e)
            {
                return CellOutcome.Failure("PackageRestoreError", e.Message, e.Message.Split('\n'));
            }
        }

        var cellPath = Path.Combine(notebookDirectory, $"cell{executionCount}.csx");
        var script = Continue(source.Code, cellPath);
        var errors = script.Compile(stop).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            return CellErrors.FromDiagnostics(errors);
        var hasValue = HasTrailingValue(script);

        var finished = new TaskCompletionSource<ScriptState<object>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = state;
        var thread = new Thread(() =>
        {
            CellContext.Current = context;
            try
            {
                var run = previous is null
                    ? script.RunAsync(globals, _ => true, stop)
                    : script.RunFromAsync(previous, _ => true, stop);
                finished.SetResult(run.GetAwaiter().GetResult());
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        { IsBackground = true, Name = $"cell {executionCount}" };
        thread.Start();

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(() => stopped.TrySetResult()))
        {
            if (await Task.WhenAny(finished.Task, stopped.Task) == stopped.Task)
            {
                thread.Interrupt();
                await Task.WhenAny(finished.Task, Task.Delay(InterruptGrace, CancellationToken.None));
                if (finished.Task.IsCompletedSuccessfully)
                    state = finished.Task.Result;
                var reason = stopReason();
                if (!finished.Task.IsCompleted)
                {
                    // .NET cannot stop a thread from outside: say so, rather than let it change state unseen.
                    lock (abandoned)
                        abandoned.Add((executionCount, thread));
                    reason += $" Its code did not stop within {InterruptGrace.TotalSeconds:0.#} s (it does not check {nameof(CellGlobals.Cancellation)}):" +
                        " it is still running in the background and may change this session's variables and files. Restart the kernel to stop it.";
                }
                return CellOutcome.Failure("Interrupted", reason, [reason], interrupted: true);
            }
        }

        ScriptState<object> next;
        try
        {
            next = await finished.Task;
        }
        catch (Exception e)
        {
            return CellErrors.FromException(e, cellPath);
        }
        state = next;
        if (next.Exception is not null)
            return CellErrors.FromException(next.Exception, cellPath);
        if (hasValue)
        {
            context.FlushAll();
            context.Output.Result(MimeBundle.For(next.ReturnValue), executionCount);
        }
        return CellOutcome.Success;
    }

    /// <summary>The execution counts of interrupted cells whose code is still running, e.g. "3, 5"; empty when none.</summary>
    public string StillRunning()
    {
        lock (abandoned)
        {
            abandoned.RemoveAll(a => !a.Thread.IsAlive);
            return string.Join(", ", abandoned.Select(a => a.Cell));
        }
    }

    /// <summary>The script for <paramref name="code"/> as the next submission (also used for completion).</summary>
    internal Script<object> Continue(string code, string? path = null)
    {
        var cellOptions = options.WithFilePath(path ?? Path.Combine(notebookDirectory, "cell.csx"));
        return state?.Script.ContinueWith(code, cellOptions) ?? CSharpScript.Create(code, cellOptions, typeof(CellGlobals));
    }

    /// <summary>Whether the cell ends in an expression without a semicolon that has a value to show.</summary>
    private static bool HasTrailingValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        if (tree.GetRoot() is not CompilationUnitSyntax { Members: [.., GlobalStatementSyntax { Statement: ExpressionStatementSyntax last }] }
            || !last.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(last.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private void AddPackages(CellSource source)
    {
        packageSources.AddRange(source.PackageSources.Except(packageSources));
        foreach (var request in source.Packages)
        {
            var loaded = packages.Find(p => string.Equals(p.Name, request.Name, StringComparison.OrdinalIgnoreCase));
            if (loaded is null)
                packages.Add(request);
            else if (request.Version is not null && loaded.Version != request.Version)
                throw new PackageRestoreException($"{request.Name} {loaded.Version ?? "(latest)"} is already loaded in this session; two versions of one package cannot be loaded. Restart the kernel to change it.");
        }
        var paths = restorer.Restore(packages, packageSources).Where(packageAssemblies.Add).ToList();
        if (paths.Count > 0)
            options = options.AddReferences(paths.Select(p => MetadataReference.CreateFromFile(p)));
    }
}
