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

    /// <summary>
    /// The kernelspec name papermill knows C# by (its CSharpTranslator is registered for this kernel name only). An
    /// alias of ours under that name lets <c>papermill NB OUT -k .net-csharp -p name value</c> drive this kernel; it
    /// replaces a .NET Interactive kernelspec of that name, so it is installed only when asked.
    /// </summary>
    public const string PapermillAlias = ".net-csharp";

    /// <summary>
    /// The shared data folder to bake into the kernelspec's environment: NOTAGEN_SHARED when set, else
    /// <c>shared</c> beside the clone that holds <paramref name="cliAssemblyPath"/>; null when neither exists.
    /// </summary>
    public static string? SharedDataFolder(string cliAssemblyPath)
    {
        if (Environment.GetEnvironmentVariable("NOTAGEN_SHARED") is { Length: > 0 } set)
            return Directory.Exists(set) ? Path.GetFullPath(set) : null;
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(cliAssemblyPath))!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotaGen.Research.sln")))
            {
                var beside = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(beside) ? beside : null;
            }
        }
        return null;
    }

    /// <summary>
    /// Writes kernel.json (with <paramref name="environment"/> as its <c>env</c>) and the logos into
    /// <paramref name="kernelsDirectory"/>/<paramref name="name"/> and returns that folder.
    /// </summary>
    public static string Install(string kernelsDirectory, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment = null,
        string name = KernelLanguage.KernelName)
    {
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray([.. argv.Select(a => JsonValue.Create(a))]),
            ["display_name"] = name == KernelLanguage.KernelName ? KernelLanguage.DisplayName : $"{KernelLanguage.DisplayName} as {name}",
            ["language"] = KernelLanguage.Language,
            // Interrupts arrive as interrupt_request on the control channel, not as SIGINT.
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        if (environment is { Count: > 0 })
            spec["env"] = new JsonObject(environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));
        var dir = Path.Combine(kernelsDirectory, name);
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        foreach (var logo in new[] { "logo-32x32.png", "logo-64x64.png" })
        {
            using var stream = typeof(KernelSpecInstaller).Assembly.GetManifestResourceStream($"NotaGen.Notebooks.{logo}")
                ?? throw new InvalidOperationException($"the kernel logo {logo} is missing from the build");
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            AtomicFile.WriteAllBytes(Path.Combine(dir, logo), bytes.ToArray());
        }
        return dir;
    }
}
