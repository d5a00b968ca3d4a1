namespace NotaGen.Testing;

/// <summary>The repository root: the nearest folder above the test binaries that holds NotaGen.Research.sln.</summary>
public static class RepositoryRoot
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotaGen.Research.sln")))
                return dir.FullName;
        }
        return null;
    }

    public static string Require() =>
        Find() ?? throw new InvalidOperationException("NotaGen.Research.sln not found above " + AppContext.BaseDirectory);
}
