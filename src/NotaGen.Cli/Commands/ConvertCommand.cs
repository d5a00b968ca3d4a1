using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Text;
using NotaGen.Music;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.Time;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen convert IN OUT</c>: converts a score between ABC, MusicXML and MIDI, formats chosen by the file
/// extensions, or a whole tree (<c>notagen convert IN_DIR OUT_DIR --to abc|musicxml|midi</c>) in parallel, mirroring
/// the folders, continuing past bad files and listing them in <c>OUT_DIR/rejects.tsv</c>.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A score file (.abc, .musicxml/.xml/.mxl, .mid/.midi), or a folder of scores." };
        var output = new Argument<string>("output") { Description = "The file to write (its extension picks the format), or the folder to mirror the input folder into." };
        var to = new Option<string>("--to") { Description = "Output format in folder mode: abc, musicxml or midi.", DefaultValueFactory = _ => "abc" };
        var unit = new Option<string>("--unit") { Description = "ABC unit note length L: of ABC written from MusicXML or MIDI, e.g. 1/8 (NotaGen's) or 1/16.", DefaultValueFactory = _ => "1/8" };
        var interleaved = new Option<bool>("--interleaved") { Description = "ABC in NotaGen's training form: written interleaved, rest-reduced, with [r:] bar counters; read back with rests restored." };
        var grid = new Option<string>("--grid") { Description = "MIDI import: quantisation step, 1/N of a whole note (1/16 default; a score MIDI whose onsets sit on half or a quarter of it is read on that finer grid).", DefaultValueFactory = _ => "1/16" };
        var noTriplets = new Option<bool>("--no-triplets") { Description = "MIDI import: never snap a beat to triplets." };
        var noRepeats = new Option<bool>("--no-repeats") { Description = "MIDI written from ABC or MusicXML: the notated bars once (by default repeats and endings are played, as abc2midi does)." };
        var jobs = new Option<int>("--jobs") { Description = "Files converted at once in folder mode (default: processor count)." };
        var command = new Command("convert", "Convert scores between ABC (.abc), MusicXML (.musicxml/.xml/.mxl) and MIDI (.mid/.midi).")
        {
            input, output, to, unit, interleaved, grid, noTriplets, noRepeats, jobs,
        };
        command.SetAction(parse => CliExit.Run(() =>
        {
            var settings = new ConversionSettings(
                ParseUnit(parse.GetValue(unit)!),
                parse.GetValue(interleaved),
                MidiImportOptions.Default with { Grid = ParseGrid(parse.GetValue(grid)!), DetectTriplets = !parse.GetValue(noTriplets) },
                PlayRepeats: !parse.GetValue(noRepeats));
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            if (Directory.Exists(source))
                return ConvertTree(source, target, ParseFormat(parse.GetValue(to)!), settings, parse.GetValue(jobs));
            if (!File.Exists(source))
                throw new ArgumentException($"{source}: no such file or folder");
            ScoreConverter.Convert(source, target, settings, warning => Console.Error.WriteLine($"warning: {warning}"));
            return CliExit.Success;
        }));
        return command;
    }

    private static int ParseUnit(string text) =>
        ParsePowerOfTwo(text) ?? throw new ArgumentException($"--unit {text}: expected 1/N with N a power of two, like 1/8");

    private static Rational ParseGrid(string text) =>
        ParsePowerOfTwo(text) is { } d and >= 4 and <= 128
            ? new Rational(1, d)
            : throw new ArgumentException($"--grid {text}: expected 1/N with N a power of two from 4 to 128, like 1/16");

    private static int? ParsePowerOfTwo(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && parts[0] == "1" && int.TryParse(parts[1], out var d) && d is >= 1 and <= 512 && int.IsPow2(d) ? d : null;
    }

    private static ScoreFormat ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "abc" => ScoreFormat.Abc,
        "musicxml" or "xml" => ScoreFormat.MusicXml,
        "midi" or "mid" => ScoreFormat.Midi,
        _ => throw new ArgumentException($"--to {text}: expected abc, musicxml or midi"),
    };

    private static int ConvertTree(string sourceDir, string targetDir, ScoreFormat to, ConversionSettings settings, int jobs)
    {
        // Every score in another format than the target (ABC to ABC too, when it is to become interleaved).
        var files = Directory.EnumerateFiles(sourceDir, "*", SearchOption.AllDirectories)
            .Where(f => ScoreConverter.FormatOf(f) is { } format && (format != to || (to == ScoreFormat.Abc && settings.Interleaved)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Directory.CreateDirectory(targetDir);
        var rejects = new ConcurrentBag<(string Path, string Reason)>();
        var warnings = new ConcurrentBag<string>();
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
                var target = Path.Combine(targetDir, Path.ChangeExtension(relative, ScoreConverter.ExtensionOf(to)));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                ScoreConverter.Convert(file, target, settings, warnings.Add);
            }
            catch (Exception e) when (e is MusicFormatException or IOException or UnauthorizedAccessException or OverflowException
                                          or ArgumentException or MidiExportException or InvalidOperationException)
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
        if (!warnings.IsEmpty)
            Console.Error.WriteLine($"{warnings.Count} warnings (skipped percussion, estimated keys, ...); convert a single file to see its own");
        Console.WriteLine($"{files.Count - rejects.Count} converted, {rejects.Count} rejected (see {Path.Combine(targetDir, "rejects.tsv")}) " +
                          $"in {seconds:F1} s: {files.Count / seconds:F1} files/s, {bytes / 1e6 / seconds:F2} MB/s of input");
        return rejects.IsEmpty ? CliExit.Success : CliExit.FileError;
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
