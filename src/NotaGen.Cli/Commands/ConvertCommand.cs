using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Text;
using NotaGen.Music;
using NotaGen.Music.IO;
using NotaGen.Music.MusicXml;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen convert IN OUT</c>: converts a score between formats chosen by the file extensions, or a whole tree
/// (<c>notagen convert IN_DIR OUT_DIR --to abc</c>) in parallel, mirroring the folders, continuing past bad files
/// and listing them in <c>OUT_DIR/rejects.tsv</c>.
/// </summary>
internal static class ConvertCommand
{
    private static readonly string[] MusicXmlExtensions = [".musicxml", ".xml", ".mxl"];

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A score file, or a folder of scores." };
        var output = new Argument<string>("output") { Description = "The file to write, or the folder to mirror the input folder into." };
        var to = new Option<string>("--to") { Description = "Output format in folder mode: abc.", DefaultValueFactory = _ => "abc" };
        var unit = new Option<string>("--unit") { Description = "ABC unit note length L:, e.g. 1/8 (NotaGen's) or 1/16.", DefaultValueFactory = _ => "1/8" };
        var jobs = new Option<int>("--jobs") { Description = "Files converted at once in folder mode (default: processor count)." };
        var command = new Command("convert", "Convert scores between MusicXML (.musicxml/.xml/.mxl) and ABC (.abc).")
        {
            input, output, to, unit, jobs,
        };
        command.SetAction(parse =>
        {
            try
            {
                var options = new AbcConversionOptions { UnitDenominator = ParseUnit(parse.GetValue(unit)!) };
                var source = parse.GetValue(input)!;
                var target = parse.GetValue(output)!;
                if (Directory.Exists(source))
                    return ConvertTree(source, target, parse.GetValue(to)!, options, parse.GetValue(jobs));
                ConvertOne(source, target, options);
                return 0;
            }
            catch (MusicFormatException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int ParseUnit(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && parts[0] == "1" && int.TryParse(parts[1], out var d) && d is >= 1 and <= 512 && (d & (d - 1)) == 0)
            return d;
        throw new ArgumentException($"--unit {text}: expected 1/N with N a power of two, like 1/8");
    }

    private static bool IsMusicXml(string path) =>
        MusicXmlExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static void ConvertOne(string source, string target, AbcConversionOptions options)
    {
        if (!File.Exists(source))
            throw new ArgumentException($"{source}: no such file");
        var to = Path.GetExtension(target).ToLowerInvariant();
        if (IsMusicXml(source) && to == ".abc")
        {
            AtomicFile.WriteAllText(target, MusicXmlToAbc.ConvertFile(source, options));
            return;
        }
        if (Path.GetExtension(source).Equals(".abc", StringComparison.OrdinalIgnoreCase) && IsMusicXml(target))
        {
            AbcToMusicXml.WriteFile(File.ReadAllText(source), target, source);
            return;
        }
        throw new ArgumentException($"converting {Path.GetExtension(source)} to {to} is not supported yet (supported: .musicxml/.xml/.mxl → .abc, .abc → .musicxml/.xml/.mxl)");
    }

    private static int ConvertTree(string sourceDir, string targetDir, string to, AbcConversionOptions options, int jobs)
    {
        if (!to.Equals("abc", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--to {to}: folder mode writes abc for now");
        var files = Directory.EnumerateFiles(sourceDir, "*", SearchOption.AllDirectories)
            .Where(IsMusicXml).Order(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(targetDir);
        var rejects = new ConcurrentBag<(string Path, string Reason)>();
        var done = 0;
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        var progress = new Timer(_ => Report(done, files.Count, clock), null, 0, 500);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount }, file =>
        {
            var relative = Path.GetRelativePath(sourceDir, file);
            try
            {
                Interlocked.Add(ref bytes, new FileInfo(file).Length);
                var abc = MusicXmlToAbc.ConvertFile(file, options);
                AtomicFile.WriteAllText(Path.Combine(targetDir, Path.ChangeExtension(relative, ".abc")), abc);
            }
            catch (Exception e) when (e is MusicFormatException or IOException or UnauthorizedAccessException or OverflowException)
            {
                // A batch never stops for one bad score; the reason goes to rejects.tsv.
                rejects.Add((relative, e is MusicFormatException m ? m.Problem + (m.Location.Length > 0 ? $" ({m.Location})" : "") : e.Message));
            }
            Interlocked.Increment(ref done);
        });
        progress.Dispose();
        Report(done, files.Count, clock);
        Console.Error.WriteLine();
        var table = new StringBuilder("path\treason\n");
        foreach (var (path, reason) in rejects.OrderBy(r => r.Path, StringComparer.Ordinal))
            table.Append(path).Append('\t').Append(reason.Replace('\t', ' ').Replace('\n', ' ')).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(targetDir, "rejects.tsv"), table.ToString());
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"{files.Count - rejects.Count} converted, {rejects.Count} rejected (see {Path.Combine(targetDir, "rejects.tsv")}) " +
                          $"in {seconds:F1} s: {files.Count / seconds:F1} files/s, {bytes / 1e6 / seconds:F2} MB/s of input");
        return rejects.IsEmpty ? 0 : 3;
    }

    private static void Report(int done, int total, Stopwatch clock)
    {
        if (Console.IsErrorRedirected)
            return; // a progress bar only makes sense on a terminal
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {clock.Elapsed:mm\\:ss}");
    }

}
