namespace NotaGen.Cli.Commands;

/// <summary>
/// Where the bundled model is: copied beside <c>notagen.dll</c> at build time (<c>models/default</c>), or
/// <c>data/models/default</c> of the repository the command runs in.
/// </summary>
internal static class DefaultModel
{
    public static string Directory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "models", "default");
        if (File.Exists(Path.Combine(beside, "config.json"))) return beside;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "models", "default");
            if (File.Exists(Path.Combine(candidate, "config.json"))) return candidate;
        }
        throw new ArgumentException("no bundled model found (data/models/default); give one with --model DIR.");
    }
}
