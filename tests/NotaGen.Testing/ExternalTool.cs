using System.Diagnostics;

namespace NotaGen.Testing;

/// <summary>An independent program a test checks against (abc2midi, xmllint, python3 with mido, ...).</summary>
public static class ExternalTool
{
    /// <summary>The full path of <paramref name="program"/> on PATH, or a skip (fail in CI) naming the Debian package.</summary>
    public static string Require(string program, string debianPackage)
    {
        var path = Find(program);
        if (path is null)
            Requirement.Missing($"needs '{program}' (Debian package {debianPackage})", "NOTAGEN_REQUIRE_TOOLS");
        return path!;
    }

    /// <summary>Requires a Python module importable by python3, e.g. mido.</summary>
    public static string RequirePythonModule(string module, string debianPackage)
    {
        var python = Require("python3", "python3");
        var result = Run(python, ["-c", $"import {module}"], Path.GetTempPath(), TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
            Requirement.Missing($"needs the Python module '{module}' (Debian package {debianPackage})", "NOTAGEN_REQUIRE_TOOLS");
        return python;
    }

    public static string? Find(string program)
    {
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        // Debian's python3 modules (python3-mido) live with /usr/bin/python3, which may sit behind another python3 on PATH.
        IEnumerable<string> dirs = program == "python3" ? ["/usr/bin", .. paths] : paths;
        return dirs.Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
    }

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs a program to completion with a time limit; the process tree is killed past it.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} ran longer than {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
