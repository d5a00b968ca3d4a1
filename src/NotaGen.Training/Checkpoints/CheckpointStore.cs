namespace NotaGen.Training.Checkpoints;

/// <summary>
/// The checkpoints of a run directory: <c>last.ckpt</c> (the latest, for <c>--resume</c>) and <c>best.ckpt</c> (lowest
/// evaluation loss). Every write goes to a temporary file in the same directory, is flushed to disk, then renamed over
/// the target: a rename within a file system is atomic, so a process killed at any moment leaves either the old or the
/// new complete file, never a torn one. Leftover temporary files of a killed writer are ignored and cleaned up.
/// </summary>
public sealed class CheckpointStore
{
    public const string LastName = "last.ckpt";
    public const string BestName = "best.ckpt";
    private const string TemporarySuffix = ".partial";
    private readonly Func<string, Stream> openForWrite;

    /// <param name="directory">The run directory (created if missing).</param>
    /// <param name="openForWrite">Opens a temporary file for writing; tests substitute one that fails midway.</param>
    public CheckpointStore(string directory, Func<string, Stream>? openForWrite = null)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        this.openForWrite = openForWrite ?? (path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20));
    }

    public string Directory { get; }

    public string LastPath => Path.Combine(Directory, LastName);

    public string BestPath => Path.Combine(Directory, BestName);

    public void SaveLast(TrainingCheckpoint checkpoint) => Save(checkpoint, LastPath);

    public void SaveBest(TrainingCheckpoint checkpoint) => Save(checkpoint, BestPath);

    /// <summary>The latest checkpoint, or null when the run has none yet.</summary>
    public TrainingCheckpoint? TryLoadLast() => File.Exists(LastPath) ? TrainingCheckpoint.Read(LastPath) : null;

    private void Save(TrainingCheckpoint checkpoint, string target)
    {
        var temporary = $"{target}.{Environment.ProcessId}{TemporarySuffix}";
        try
        {
            using (var stream = openForWrite(temporary))
            {
                checkpoint.WriteTo(stream);
                if (stream is FileStream file) file.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        foreach (var stale in System.IO.Directory.EnumerateFiles(Directory, "*" + TemporarySuffix))
            TryDelete(stale);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless: it is never read.
        }
    }
}
