using System.Diagnostics;
using System.Runtime.InteropServices;
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
    public static ExternalTool.Result Interrupt(string workingDirectory, TimeSpan delay, params string[] arguments)
    {
        var start = new ProcessStartInfo(Host()) { WorkingDirectory = workingDirectory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "notagen.dll"), .. arguments])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Thread.Sleep(delay);
        if (process.HasExited)
            throw new InvalidOperationException($"notagen ended before the interrupt (exit {process.ExitCode}): {stderr.Result}");
        if (Kill(process.Id, SignalInterrupt) != 0)
            throw new InvalidOperationException($"kill(SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("notagen went on for a minute after the interrupt");
        }
        return new ExternalTool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Host() => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private const int SignalInterrupt = 2;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
