namespace NotaGen.Music.IO;

/// <summary>
/// Finds the outside programs the workbench hands work to (abc2midi, abcm2ps, fluidsynth, rsvg-convert, Chromium, dotnet)
/// the way a shell would: the first folder of the search path that holds one.
/// </summary>
public static class ExecutableSearch
{
    /// <summary>
    /// The first of <paramref name="names"/>, in their order of preference, found in a folder of <paramref name="searchPath"/>
    /// (PATH when null); null when none is.
    /// </summary>
    public static string? Find(IEnumerable<string> names, string? searchPath = null)
    {
        var folders = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator)
            .Where(d => d.Length > 0)
            .ToList();
        return names.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>The program <paramref name="name"/> in a folder of <paramref name="searchPath"/> (PATH when null), or null.</summary>
    public static string? Find(string name, string? searchPath = null) => Find([name], searchPath);
}
