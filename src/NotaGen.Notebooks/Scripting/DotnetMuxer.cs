namespace NotaGen.Notebooks.Scripting;

/// <summary>The <c>dotnet</c> executable: the one running this process when it is dotnet, else the first on PATH.</summary>
public static class DotnetMuxer
{
    public static string? Find()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var candidates = (root is null ? [] : new[] { root })
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return candidates.FirstOrDefault(File.Exists);
    }
}
