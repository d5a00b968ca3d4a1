using System.Collections.Concurrent;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;

namespace NotaGen.Music.Tests.NotaGenFormat;

/// <summary>The golden xml2abc files, read and cleaned once per test run (they are shared by several tests).</summary>
internal static class GoldenCorpus
{
    public const string Folder = "golden/xml2abc";

    private static readonly Lazy<IReadOnlyList<(string Path, CleaningResult Result)>> Cleaned = new(CleanAll);

    public static IReadOnlyList<(string Path, CleaningResult Result)> CleanedFiles()
    {
        SharedData.Require(Folder);
        return Cleaned.Value;
    }

    private static IReadOnlyList<(string Path, CleaningResult Result)> CleanAll()
    {
        var files = SharedData.Files(Folder, ".abc");
        var results = new ConcurrentDictionary<string, CleaningResult>();
        Parallel.ForEach(files, path => results[path] = Cleaner.Clean(File.ReadAllText(path), path));
        return files.Select(path => (path, results[path])).ToList();
    }
}
