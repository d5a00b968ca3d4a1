namespace NotaGen.Cli.Commands;

/// <summary>The score files of a folder tree for <c>notagen convert</c>'s folder mode, and where each is written.</summary>
/// <param name="Files">Full paths, in ordinal order.</param>
/// <param name="SkippedLinks">Symbolic links to folders met on the way: never followed, so a link loop
/// (<c>self -&gt; .</c>) neither hangs the listing nor converts a file twice.</param>
internal sealed record ScoreTree(IReadOnlyList<string> Files, IReadOnlyList<string> SkippedLinks)
{
    public static ScoreTree Find(string root, Func<string, bool> wanted)
    {
        var files = new List<string>();
        var links = new List<string>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in folder.EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }))
            {
                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is not null)
                        links.Add(directory.FullName);
                    else
                        pending.Push(directory);
                }
                else if (wanted(entry.FullName))
                {
                    files.Add(entry.FullName);
                }
            }
        }
        files.Sort(StringComparer.Ordinal);
        links.Sort(StringComparer.Ordinal);
        return new ScoreTree(files, links);
    }

    /// <summary>Where a file goes when nothing else claims the name: the same relative path, the output extension.</summary>
    public static string PlainTarget(string sourceRoot, string targetRoot, string file, string extension) =>
        Path.GetFullPath(Path.Combine(targetRoot, Path.ChangeExtension(Path.GetRelativePath(sourceRoot, file), extension)));

    /// <summary>
    /// The output path of every file, distinct: where several inputs would be written to one name (<c>song.abc</c>,
    /// <c>song.xml</c>, <c>song.mxl</c> → <c>song.mid</c>), the first in ordinal order keeps it and the others keep
    /// their own extension in the name (<c>song.xml.mid</c>), with a counter if even that is taken.
    /// </summary>
    public static Dictionary<string, string> Targets(string sourceRoot, string targetRoot, IReadOnlyList<string> files, string extension)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // case-insensitive: the output may land on such a file system
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var plain = files.ToDictionary(f => f, f => PlainTarget(sourceRoot, targetRoot, f, extension), StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (taken.Add(plain[file]))
                result[file] = plain[file];
        }
        foreach (var file in files.Where(f => !result.ContainsKey(f)))
        {
            var stem = Path.Combine(Path.GetDirectoryName(plain[file])!, Path.GetFileName(file));
            var candidate = stem + extension;
            for (var n = 2; !taken.Add(candidate); n++)
                candidate = $"{stem}~{n}{extension}";
            result[file] = candidate;
        }
        return result;
    }
}
