namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// The files of the assemblies this process can load (the runtime's trusted platform assemblies, which include the
/// application's own dependencies), by simple name, so scripts can reference them without loading them.
/// </summary>
public static class HostAssemblies
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Paths = new(Locate);

    public static string? Find(string simpleName)
    {
        if (Paths.Value.TryGetValue(simpleName, out var path))
            return path;
        var local = Path.Combine(AppContext.BaseDirectory, simpleName + ".dll");
        return File.Exists(local) ? local : null;
    }

    /// <summary>
    /// The shared framework's assemblies (Microsoft.NETCore.App: what a .NET console app references), so cells can use
    /// Uri, SHA256, ImmutableArray, Channels or HttpUtility without a #r. Referencing is cheap: nothing is loaded
    /// until a cell uses it.
    /// </summary>
    public static IReadOnlyList<string> SharedFramework()
    {
        var runtime = Path.GetFullPath(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        return [.. Paths.Value.Values
            .Where(p => string.Equals(Path.GetFullPath(Path.GetDirectoryName(p)!) + Path.DirectorySeparatorChar, runtime.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    private static IReadOnlyDictionary<string, string> Locate()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            paths.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        return paths;
    }
}
