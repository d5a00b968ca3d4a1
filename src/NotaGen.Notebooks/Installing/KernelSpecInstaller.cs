using System.Text.Json;
using System.Text.Json.Nodes;
using NotaGen.Music.IO;
using NotaGen.Notebooks.Kernel;
using NotaGen.Notebooks.Scripting;

namespace NotaGen.Notebooks.Installing;

/// <summary>
/// Writes the kernelspec <c>notagen-csharp</c> that Jupyter, VS Code and nbconvert find. Its argv starts the
/// built CLI through the dotnet executable with absolute paths, so it works from a clone wherever it was built
/// (rebuild in the same configuration, or install again after moving the clone).
/// </summary>
public static class KernelSpecInstaller
{
    /// <summary>The per-user kernels folder Jupyter searches on this operating system.</summary>
    public static string UserKernelsDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data)
            return Path.Combine(data, "kernels");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
        if (OperatingSystem.IsMacOS())
            return Path.Combine(home, "Library", "Jupyter", "kernels");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter", "kernels");
    }

    /// <summary>Jupyter's layout under an installation prefix (as <c>jupyter kernelspec install --prefix</c>).</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>The command line that starts this kernel: dotnet + the CLI's main assembly + "kernel".</summary>
    public static IReadOnlyList<string> KernelCommand(string cliAssemblyPath)
    {
        var dotnet = DotnetMuxer.Find() ?? throw new InvalidOperationException("the dotnet executable was not found (set DOTNET_ROOT or put it on PATH)");
        return [dotnet, Path.GetFullPath(cliAssemblyPath), "kernel", "--connection-file", "{connection_file}"];
    }

    /// <summary>Writes kernel.json into <paramref name="kernelsDirectory"/>/notagen-csharp and returns that folder.</summary>
    public static string Install(string kernelsDirectory, IReadOnlyList<string> argv)
    {
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray([.. argv.Select(a => JsonValue.Create(a))]),
            ["display_name"] = KernelLanguage.DisplayName,
            ["language"] = KernelLanguage.Language,
            // Interrupts arrive as interrupt_request on the control channel, not as SIGINT.
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        var dir = Path.Combine(kernelsDirectory, KernelLanguage.KernelName);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "kernel.json");
        AtomicFile.WriteAllText(path, spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return dir;
    }
}
