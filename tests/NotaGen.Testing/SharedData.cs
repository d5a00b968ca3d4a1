namespace NotaGen.Testing;

/// <summary>
/// Finds the shared data folder (corpus, golden files, test data, schemas) for tests.
/// <c>NOTAGEN_SHARED</c> names it; otherwise <c>../shared</c> beside the repository root is used.
/// With <c>NOTAGEN_REQUIRE_SHARED=1</c> (CI) a missing folder fails the test instead of skipping it.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The shared folder, or a skip (fail in CI) naming what is missing.</summary>
    public static string Require(string relative = "")
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine(root, relative);
        if (path is not null && (Directory.Exists(path) || File.Exists(path)))
            return path;

        var what = root is null
            ? "the shared data folder (set NOTAGEN_SHARED or put it at ../shared beside the repository)"
            : $"'{relative}' in the shared data folder {root}";
        Requirement.Missing($"needs {what}", "NOTAGEN_REQUIRE_SHARED");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>All files under a shared sub-folder with the given extension, in a stable order.</summary>
    public static IReadOnlyList<string> Files(string relative, string extension)
    {
        var dir = Require(relative);
        return Directory.EnumerateFiles(dir, "*" + extension, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("NOTAGEN_SHARED");
        if (!string.IsNullOrWhiteSpace(env))
            return Directory.Exists(env) ? Path.GetFullPath(env) : null;

        var repo = RepositoryRoot.Find();
        var candidate = repo is null ? null : Path.GetFullPath(Path.Combine(repo, "..", "shared"));
        return candidate is not null && Directory.Exists(candidate) ? candidate : null;
    }
}
