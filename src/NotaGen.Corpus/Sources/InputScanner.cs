using NotaGen.Music.Scores;

namespace NotaGen.Corpus.Sources;

/// <summary>Finds the score files under the input folders, in a stable (ordinal) order so builds are reproducible.</summary>
public static class InputScanner
{
    public static IReadOnlyList<CorpusFile> Scan(IEnumerable<string> folders)
    {
        var files = new List<CorpusFile>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"input folder '{folder}' does not exist");
            var root = Path.GetFullPath(folder);
            var found = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(path => (path, format: ScoreFormats.Of(path)))
                .Where(f => f.format is not null)
                .Select(f => new CorpusFile(f.path, Path.GetRelativePath(root, f.path).Replace('\\', '/'), f.format!.Value))
                .OrderBy(f => f.RelativePath, StringComparer.Ordinal);
            files.AddRange(found);
        }
        return files;
    }
}
