using System.Text;

namespace NotaGen.Cli;

/// <summary>Writes a file so that readers see either the old content or the whole new content, never a half-written file.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        // The temporary file sits beside the target so the final rename stays on one file system.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
