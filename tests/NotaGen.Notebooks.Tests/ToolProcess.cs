using System.Diagnostics;
using NotaGen.Testing;

namespace NotaGen.Notebooks.Tests;

/// <summary>Runs an independent program (jupyter nbconvert, python3 with jupyter_client) with extra environment variables.</summary>
internal static class ToolProcess
{
    public static ExternalTool.Result Run(string program, IEnumerable<string> arguments, string workdir, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        var info = new ProcessStartInfo(program) { WorkingDirectory = workdir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} ran longer than {limit.TotalMinutes:0.#} minutes");
        }
        process.WaitForExit();
        return new ExternalTool.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
