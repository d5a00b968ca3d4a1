using NotaGen.Notebooks.Scripting;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Notebooks.Tests.Scripting;

public sealed class ScriptSessionTests : IDisposable
{
    private readonly TempDirectory dir = new("notagen-cells");
    private readonly ScriptSession session;
    private int count;

    public ScriptSessionTests() => session = new ScriptSession(dir.Path, nugetCacheRoot: dir.File("nuget"));

    public void Dispose() => dir.Dispose();

    private async Task<(CellOutcome Outcome, RecordingOutput Output)> Run(string code, TimeSpan? timeout = null)
    {
        var output = new RecordingOutput();
        var outcome = await session.ExecuteAsync(code, output, ++count, CancellationToken.None, timeout);
        return (outcome, output);
    }

    [Fact]
    public async Task State_carries_from_cell_to_cell()
    {
        Assert.True((await Run("var x = 20; int Twice(int v) => 2 * v;")).Outcome.Succeeded);
        var (outcome, output) = await Run("Twice(x) + 2");
        Assert.True(outcome.Succeeded);
        Assert.Equal("42", (string?)output.LastResult!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task Console_output_is_streamed_and_a_statement_has_no_result()
    {
        var (outcome, output) = await Run("Console.WriteLine(\"hello\"); Console.Error.WriteLine(\"oops\");");
        Assert.True(outcome.Succeeded);
        Assert.Equal("hello\n", output.Stdout);
        Assert.Equal("oops\n", output.Stderr);
        Assert.Null(output.LastResult);
    }

    [Fact]
    public async Task Workbench_namespaces_and_linq_are_available_without_usings()
    {
        var (outcome, output) = await Run("new Rational(1, 4) + new Rational(1, 4) == new Rational(1, 2) && new[] { 3, 1, 2 }.Order().First() == 1");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("True", (string?)output.LastResult!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task Compile_error_names_the_cell_line()
    {
        var (outcome, output) = await Run("var a = 1;\nvar b = 2;\nvar c = a + undefinedName;");
        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.Line);
        Assert.Contains("CS0103", (string?)output.LastError!["evalue"]);
        Assert.Contains("cell line 3", (string?)output.LastError!["evalue"]);
    }

    [Fact]
    public async Task Runtime_exception_names_the_cell_line_and_keeps_earlier_state()
    {
        await Run("var kept = 7;");
        var (outcome, output) = await Run("var y = 1;\n\nthrow new InvalidOperationException(\"bad thing\");");
        Assert.False(outcome.Succeeded);
        Assert.Equal("InvalidOperationException", (string?)output.LastError!["ename"]);
        Assert.Equal(3, outcome.Line);
        Assert.Contains("bad thing", (string?)output.LastError!["evalue"]);
        var (after, afterOutput) = await Run("kept");
        Assert.True(after.Succeeded);
        Assert.Equal("7", (string?)afterOutput.LastResult!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task Csharp_magic_is_ignored_and_other_magics_are_refused_clearly()
    {
        var (ok, okOutput) = await Run("#!csharp\n1 + 1");
        Assert.True(ok.Succeeded, ok.ErrorValue);
        Assert.Equal("2", (string?)okOutput.LastResult!["data"]!["text/plain"]);

        var (refused, output) = await Run("#!time\n1 + 1");
        Assert.False(refused.Succeeded);
        Assert.Contains("'#!time' is not supported", (string?)output.LastError!["evalue"]);
    }

    [Fact]
    public async Task A_dll_is_referenced_relative_to_the_notebook()
    {
        // Build a real assembly with Roslyn, put it beside the notebook, and load it by a relative path.
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Greeter",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Lib; public static class Greeter { public static string Hi(string n) => \"hi \" + n; }")],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(dir.File("lib"));
        Microsoft.CodeAnalysis.Emit.EmitResult emitted;
        using (var file = File.Create(dir.File("lib/Greeter.dll")))
            emitted = library.Emit(file);
        Assert.True(emitted.Success);

        var (outcome, output) = await Run("#r \"lib/Greeter.dll\"\nLib.Greeter.Hi(\"there\")");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("hi there", (string?)output.LastResult!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_nuget_package_is_restored_and_usable_in_later_cells()
    {
        // CommandLineParser is no dependency of the workbench, so it can only come from the restore.
        var (outcome, output) = await Run("#r \"nuget: CommandLineParser, 2.9.1\"\ntypeof(CommandLine.Parser).Assembly.GetName().Version!.ToString()");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("2.9.1.0", (string?)output.LastResult!["data"]!["text/plain"]);
        Assert.Single(Directory.GetFiles(dir.File("nuget"), "restore.csproj", SearchOption.AllDirectories));

        var (later, laterOutput) = await Run("CommandLine.Parser.Default is not null");
        Assert.True(later.Succeeded, later.ErrorValue);
        Assert.Equal("True", (string?)laterOutput.LastResult!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_package_that_cannot_be_restored_gives_a_clear_error()
    {
        var (outcome, output) = await Run("#r \"nuget: NotaGen.No.Such.Package.Anywhere, 9.9.9\"\n1");
        Assert.False(outcome.Succeeded);
        Assert.Equal("PackageRestoreError", (string?)output.LastError!["ename"]);
        Assert.Contains("NotaGen.No.Such.Package.Anywhere", (string?)output.LastError!["evalue"]);
    }

    [Fact]
    public async Task A_cell_past_its_time_limit_is_stopped_and_the_session_goes_on()
    {
        var (outcome, output) = await Run("System.Threading.Thread.Sleep(60_000);", TimeSpan.FromSeconds(1));
        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Interrupted);
        Assert.Contains("time limit", (string?)output.LastError!["evalue"]);
        Assert.True((await Run("1")).Outcome.Succeeded);
    }

    [Fact]
    public async Task Display_handles_update_in_place()
    {
        var (outcome, output) = await Run("var h = display(\"step 1\");\nh.Update(\"step 2\");");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal(["display_data", "update_display_data"], output.Items.Select(i => i.Kind));
        Assert.Equal((string?)output.Items[0].Content["display_id"], (string?)output.Items[1].Content["display_id"]);
        Assert.Equal("step 2", (string?)output.Items[1].Content["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_cell_that_ignores_the_interrupt_is_reported_as_still_running_with_restart_advice()
    {
        // Swallows Thread.Interrupt and never looks at Cancellation; sleeps, so it costs no CPU while it lingers.
        // The time limit also covers compiling: a first cell warms the compiler, and the limit leaves room for a slow
        // compile on a loaded machine, so the limit falls while the cell runs, not while it compiles.
        Assert.True((await Run("0")).Outcome.Succeeded);
        const string stubborn = """
            var lingered = System.Diagnostics.Stopwatch.StartNew();
            while (lingered.Elapsed < TimeSpan.FromSeconds(12))
            {
                try { System.Threading.Thread.Sleep(50); } catch (System.Threading.ThreadInterruptedException) { }
            }
            """;
        var (outcome, output) = await Run(stubborn, TimeSpan.FromSeconds(3));
        Assert.True(outcome.Interrupted);
        var error = (string?)output.LastError!["evalue"];
        Assert.Contains("still running in the background", error);
        Assert.Contains("Restart the kernel", error);
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), session.StillRunning());

        var (next, nextOutput) = await Run("2");
        Assert.True(next.Succeeded);
        Assert.Contains("still running in the background", nextOutput.Stderr);
    }

    [Fact]
    public async Task A_cell_that_passes_Cancellation_on_stops_without_a_restart_warning()
    {
        var (outcome, output) = await Run("System.Threading.Tasks.Task.Delay(60_000, Cancellation).GetAwaiter().GetResult();", TimeSpan.FromMilliseconds(300));
        Assert.True(outcome.Interrupted);
        Assert.DoesNotContain("still running", (string?)output.LastError!["evalue"]);
        Assert.Equal("", session.StillRunning());
    }

    [Fact]
    public async Task Html_and_display_with_a_mime_type_are_cell_helpers()
    {
        var (outcome, output) = await Run("display(\"<svg xmlns='http://www.w3.org/2000/svg'/>\", \"image/svg+xml\");\nHTML(\"<b>bold</b>\")");
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("<svg xmlns='http://www.w3.org/2000/svg'/>", (string?)output.Items[0].Content["data"]!["image/svg+xml"]);
        Assert.Equal("<b>bold</b>", (string?)output.LastResult!["data"]!["text/html"]);
    }

    [Fact]
    public async Task Framework_assemblies_of_a_console_app_compile_without_references()
    {
        var (outcome, output) = await Run("""
            using System.Collections.Immutable;
            using System.Security.Cryptography;
            using System.Threading.Channels;
            var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("abc")));
            var list = ImmutableArray.Create(1, 2);
            var channel = Channel.CreateUnbounded<int>();
            $"{new Uri("https://example.org/a?b=1").Host} {hash[..8]} {list.Length} {System.Web.HttpUtility.UrlEncode("a b")} {channel.Writer.TryWrite(1)}"
            """);
        Assert.True(outcome.Succeeded, outcome.ErrorValue);
        Assert.Equal("example.org ba7816bf 2 a+b True", (string?)output.LastResult!["data"]!["text/plain"]);
    }
}
