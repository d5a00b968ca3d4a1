using System.Diagnostics;
using NotaGen.Music.IO;

namespace NotaGen.Evaluation.Validity;

/// <summary>What abc2midi said about one piece.</summary>
/// <param name="Accepted">True when it wrote no line containing "Error" (warnings are allowed) and exited normally.</param>
/// <param name="ErrorLines">The lines that made it reject the piece.</param>
public sealed record Abc2MidiVerdict(bool Accepted, IReadOnlyList<string> ErrorLines);

/// <summary>
/// Validity by an independent tool: <c>abc2midi</c> (Debian <c>abcmidi</c>) converts the restored ABC; a piece is
/// accepted when its output holds no "Error" line. The tool's opinion is kept apart from the workbench parser's so a
/// bug in either shows up as a disagreement.
/// </summary>
public sealed class Abc2MidiCheck(string program)
{
    /// <summary>abc2midi on PATH, or null when it is not installed.</summary>
    public static Abc2MidiCheck? FindOnPath()
    {
        var path = ExecutableSearch.Find("abc2midi");
        return path is null ? null : new Abc2MidiCheck(path);
    }

    public Abc2MidiVerdict Check(string abc, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(abc);
        var folder = Path.Combine(Path.GetTempPath(), $"notagen-abc2midi-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "piece.abc");
            File.WriteAllText(input, abc);
            var info = new ProcessStartInfo(program)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { input, "-o", Path.Combine(folder, "piece.mid") })
                info.ArgumentList.Add(argument);
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return new Abc2MidiVerdict(false, ["abc2midi did not finish in time"]);
            }
            process.WaitForExit();
            var errors = (stdout.Result + "\n" + stderr.Result).Split('\n')
                .Where(line => line.Contains("Error", StringComparison.Ordinal))
                .Select(line => line.Trim())
                .ToList();
            if (process.ExitCode != 0 && errors.Count == 0)
                errors.Add($"abc2midi exited with code {process.ExitCode}");
            return new Abc2MidiVerdict(errors.Count == 0, errors);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* the OS cleans temp */ }
        }
    }
}
