namespace NotaGen.Training.Checkpoints;

/// <summary>Writes a small text file through a temporary file and a rename, so readers never see half of it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}.partial";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
