using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using NotaGen.Testing;

namespace NotaGen.Cli.Tests;

/// <summary>Runs the built <c>notagen.dll</c> (copied beside the tests) with the same dotnet that runs the tests.</summary>
internal static class Notagen
{
    public static ExternalTool.Result Run(string workingDirectory, params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "notagen.dll");
        return ExternalTool.Run(Host(), [cli, .. arguments], workingDirectory, TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// Starts notagen, sends it SIGINT (what Ctrl-C in a terminal sends) after <paramref name="delay"/>, and waits for it
    /// to end (at most a minute); fails if it ended before the interrupt.
    /// </summary>
    public static ExternalTool.Result Interrupt(string workingDirectory, TimeSpan delay, params string[] arguments) =>
        Interrupt(workingDirectory, process => Thread.Sleep(delay), arguments);

    /// <summary>
    /// Starts notagen, sends it SIGINT once its standard output or error has a line (a progress display's
    /// carriage return ends one too) containing <paramref name="progress"/>, so the interrupt lands while the work is
    /// under way however slow the machine, and waits for it to end (at most a minute); fails if it ended, or wrote no
    /// such line within two minutes, before the interrupt.
    /// </summary>
    public static ExternalTool.Result InterruptAfter(string workingDirectory, string progress, params string[] arguments) =>
        InterruptAfter(workingDirectory, new Dictionary<string, string>(), progress, arguments);

    /// <summary><see cref="InterruptAfter(string, string, string[])"/> with these environment variables set for notagen.</summary>
    public static ExternalTool.Result InterruptAfter(string workingDirectory, IReadOnlyDictionary<string, string> environment, string progress, params string[] arguments)
    {
        using var seen = new ManualResetEventSlim();
        return Interrupt(workingDirectory, process =>
        {
            if (!seen.Wait(TimeSpan.FromMinutes(2)))
                throw new TimeoutException($"notagen wrote no line with '{progress}' in two minutes");
        }, arguments, line =>
        {
            if (line.Contains(progress, StringComparison.Ordinal)) seen.Set();
        }, environment);
    }

    /// <summary>
    /// Starts notagen, sends it SIGINT as soon as <paramref name="ready"/> holds (polled every 10 ms; say, once a few
    /// output files exist), and waits for it to end; fails as <see cref="InterruptAfter"/> does.
    /// </summary>
    public static ExternalTool.Result InterruptWhen(string workingDirectory, Func<bool> ready, params string[] arguments) =>
        Interrupt(workingDirectory, process =>
        {
            var waited = Stopwatch.StartNew();
            while (!ready() && !process.HasExited)
            {
                if (waited.Elapsed > TimeSpan.FromMinutes(2))
                    throw new TimeoutException("notagen was not ready to be interrupted within two minutes");
                Thread.Sleep(10);
            }
        }, arguments);

    private static ExternalTool.Result Interrupt(string workingDirectory, Action<Process> waitForWork, string[] arguments, Action<string>? onLine = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Host()) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "notagen.dll"), .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = ReadLines(process.StandardOutput, onLine);
        var stderr = ReadLines(process.StandardError, onLine);
        try
        {
            waitForWork(process);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"no progress before the interrupt; stdout: {stdout.Result}\nstderr: {stderr.Result}");
        }
        if (process.HasExited)
            throw new InvalidOperationException($"notagen ended before the interrupt (exit {process.ExitCode}): {stderr.Result}\nstdout: {stdout.Result}");
        if (Kill(process.Id, SignalInterrupt) != 0)
            throw new InvalidOperationException($"kill(SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("notagen went on for a minute after the interrupt");
        }
        return new ExternalTool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// All of <paramref name="reader"/>'s text, each line shown to <paramref name="onLine"/> as it arrives (a lone
    /// carriage return, as a progress display writes, comes back as a line break). A line still being written is shown
    /// too, as far as it has come: a progress display writes "\rstage: 0/10 folds" and nothing more until the next
    /// update, and <see cref="StreamReader.ReadLine"/> would hold it back until then (after a carriage return it waits
    /// for the next character, to see whether it is a line feed). Read on a thread of its own, not the thread pool: the
    /// tests run in parallel and block pool threads, and a line seen late is an interrupt sent late.
    /// </summary>
    private static Task<string> ReadLines(StreamReader reader, Action<string>? onLine) => Task.Factory.StartNew(() =>
    {
        var text = new StringBuilder();
        var line = new StringBuilder();
        var buffer = new char[4096];
        var afterReturn = false;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                var lineFeedOfReturn = c == '\n' && afterReturn;
                afterReturn = c == '\r';
                if (lineFeedOfReturn) continue;
                if (c is '\r' or '\n')
                {
                    text.Append(line).Append('\n');
                    onLine?.Invoke(line.ToString());
                    line.Clear();
                }
                else
                {
                    line.Append(c);
                }
            }
            if (line.Length > 0) onLine?.Invoke(line.ToString());
        }
        if (line.Length > 0) text.Append(line).Append('\n');
        return text.ToString();
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static string Host() => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private const int SignalInterrupt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
