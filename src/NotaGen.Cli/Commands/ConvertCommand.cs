using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Text;
using NotaGen.Music;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.Scores;
using NotaGen.Music.Time;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen convert IN OUT</c>: converts a score between ABC, MusicXML and MIDI, formats chosen by the file
/// extensions, or a whole tree (<c>notagen convert IN_DIR OUT_DIR --to abc|musicxml|midi</c>) in parallel, mirroring
/// the folders, continuing past bad files and listing them in <c>OUT_DIR/rejects.tsv</c>. Ctrl-C stops the batch
/// cleanly: the files in hand are cancelled (not rejected), rejects.tsv and the summary are written, exit 130.
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
        var fileTimeout = new Option<double>("--file-timeout") { Description = "Folder mode: seconds one file may take before it is given up on and listed in rejects.tsv.", DefaultValueFactory = _ => 120 };
        var jobs = new Option<int>("--jobs") { Description = "Files converted at once in folder mode (default: processor count)." };
        var command = new Command("convert", "Convert scores between ABC (.abc), MusicXML (.musicxml/.xml/.mxl) and MIDI (.mid/.midi).")
        {
            input, output, to, unit, interleaved, grid, noTriplets, noRepeats, jobs, fileTimeout,
        };
        command.SetAction(Interrupt.Cancels((parse, interrupt) => CliExit.Run(() =>
        {
            var settings = new ConversionSettings(
                ParseUnit(parse.GetValue(unit)!),
                parse.GetValue(interleaved),
                MidiImportOptions.Default with { Grid = ParseGrid(parse.GetValue(grid)!), DetectTriplets = !parse.GetValue(noTriplets) },
                PlayRepeats: !parse.GetValue(noRepeats));
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            if (Directory.Exists(source))
            {
                var seconds = parse.GetValue(fileTimeout);
                if (!(seconds > 0 && seconds <= 86_400))
                    throw new ArgumentException($"--file-timeout {seconds}: expected seconds between 0 and 86400");
                return ConvertTree(source, target, ParseFormat(parse.GetValue(to)!), settings, parse.GetValue(jobs), TimeSpan.FromSeconds(seconds), interrupt);
            }
            if (!File.Exists(source))
                throw new ArgumentException($"{source}: no such file or folder");
            try
            {
                ScoreConverter.Convert(source, target, settings, warning => Console.Error.WriteLine($"warning: {warning}"), interrupt);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                Console.Error.WriteLine($"interrupted; {target} was not written");
                return CliExit.Interrupted;
            }
            return CliExit.Success;
        })));
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

    private static int ConvertTree(string sourceDir, string targetDir, ScoreFormat to, ConversionSettings settings, int jobs, TimeSpan fileTimeout, CancellationToken interrupt)
    {
        // Every score in another format than the target (ABC to ABC too, when it is to become interleaved).
        var tree = ScoreTree.Find(sourceDir, f => ScoreFormats.Of(f) is { } format && (format != to || (to == ScoreFormat.Abc && settings.Interleaved)));
        var files = tree.Files;
        var targets = ScoreTree.Targets(sourceDir, targetDir, files, ScoreFormats.Extension(to));
        Directory.CreateDirectory(targetDir);
        var rejects = new ConcurrentBag<(string Path, string Reason)>();
        var warnings = new ConcurrentBag<string>();
        var done = 0;
        var stopped = 0; // files in hand when Ctrl-C came, whose conversion was cancelled
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => Report(done, files.Count, clock), null, 0, 500);
        try
        {
            // Ctrl-C: no new file is taken, and the ones in hand are cancelled through their own tokens.
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount, CancellationToken = interrupt }, file =>
            {
                var relative = Path.GetRelativePath(sourceDir, file);
                string? reason;
                try
                {
                    reason = ConvertOne(file, targets[file], settings, warnings, fileTimeout, interrupt, ref bytes);
                }
                catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
                {
                    Interlocked.Increment(ref stopped); // not converted, but nothing wrong with the file: not a reject
                    return;
                }
                if (reason is not null)
                    rejects.Add((relative, reason));
                Interlocked.Increment(ref done);
            });
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            // Thrown once the files in hand have ended; the summary below says what was left.
        }
        finally
        {
            // Whatever happened above, the list of rejects and the summary are written.
            progress.Change(Timeout.Infinite, Timeout.Infinite);
            Report(done, files.Count, clock);
            Console.Error.WriteLine();
            var table = new StringBuilder("path\treason\n");
            foreach (var (path, reason) in rejects.OrderBy(r => r.Path, StringComparer.Ordinal))
                table.Append(TsvField(path)).Append('\t').Append(TsvField(reason)).Append('\n');
            AtomicFile.WriteAllText(Path.Combine(targetDir, "rejects.tsv"), table.ToString());
            foreach (var link in tree.SkippedLinks)
                Console.Error.WriteLine($"{link}: a symbolic link to a folder, not followed");
            var renamed = targets.Where(t => t.Value != ScoreTree.PlainTarget(sourceDir, targetDir, t.Key, ScoreFormats.Extension(to))).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            foreach (var (source, target) in renamed)
                Console.Error.WriteLine($"{Path.GetRelativePath(sourceDir, source)}: written as {Path.GetRelativePath(targetDir, target)} (another input has the same name)");
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            if (!warnings.IsEmpty)
                Console.Error.WriteLine($"{warnings.Count} warnings (skipped percussion, estimated keys, ...); convert a single file to see its own");
            Console.WriteLine($"{done - rejects.Count} converted, {rejects.Count} rejected (see {Path.Combine(targetDir, "rejects.tsv")}), " +
                              $"{renamed.Count} renamed for a name taken by another input, {tree.SkippedLinks.Count} folder links not followed, " +
                              $"{files.Count - done} not converted, in {seconds:F1} s: {done / seconds:F1} files/s, {Interlocked.Read(ref bytes) / 1e6 / seconds:F2} MB/s of input");
            if (interrupt.IsCancellationRequested)
                Console.WriteLine($"interrupted (Ctrl-C): {files.Count - done} files not converted ({stopped} stopped mid-conversion, {files.Count - done - stopped} not started)");
        }
        return interrupt.IsCancellationRequested ? CliExit.Interrupted : rejects.IsEmpty ? CliExit.Success : CliExit.FileError;
    }

    /// <summary>
    /// Converts one file of a batch: null when written, else the reason it was not. Throws only
    /// <see cref="OperationCanceledException"/>, when Ctrl-C (<paramref name="interrupt"/>) stopped it before it was written.
    /// </summary>
    private static string? ConvertOne(string file, string target, ConversionSettings settings, ConcurrentBag<string> warnings, TimeSpan timeout, CancellationToken interrupt, ref long bytes)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        try
        {
            Interlocked.Add(ref bytes, new FileInfo(file).Length);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // The conversion runs on its own task so that a file past the time limit can be given up on. Cancelled, it
            // stops at its next check (the MusicXML reader's loops, the steps of a conversion) and writes nothing; a
            // read the token cannot reach (a pipe nobody writes) is left behind, and the process does not wait for it.
            var work = Task.Run(() => ScoreConverter.Convert(file, target, settings, warnings.Add, cancel.Token), CancellationToken.None);
            if (!WaitOrInterrupt(work, timeout, interrupt))
            {
                cancel.Cancel();
                // The work looks at the token every few milliseconds; the grace is for a loaded machine.
                var grace = TimeSpan.FromSeconds(5);
                var stopped = WaitQuietly(work, grace);
                return $"gave up after {timeout.TotalSeconds:0.##} s (the per-file time limit, --file-timeout); " +
                       (stopped ? "its work stopped" : $"its work did not stop within {grace.TotalSeconds:0.##} s (a read that cannot be interrupted) and was left behind");
            }
            return null;
        }
        catch (AggregateException wrapped) when (wrapped.InnerExceptions.Count == 1)
        {
            return Reason(wrapped.InnerExceptions[0]);
        }
        catch (Exception e) when (!(e is OperationCanceledException && interrupt.IsCancellationRequested))
        {
            return Reason(e);
        }
    }

    /// <summary>
    /// Waits for a file's work: true when it ended within <paramref name="timeout"/>. On Ctrl-C the work (whose token is
    /// linked to <paramref name="interrupt"/>) is given a grace to stop; then an <see cref="OperationCanceledException"/>
    /// is thrown, unless the work had already written its file, in which case it counts as converted.
    /// </summary>
    private static bool WaitOrInterrupt(Task work, TimeSpan timeout, CancellationToken interrupt)
    {
        try
        {
            return work.Wait(timeout, interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            // Stopped at its next check, its output unwritten; a read the token cannot reach is left behind.
            WaitQuietly(work, TimeSpan.FromSeconds(5));
            if (work.IsCompletedSuccessfully)
                return true;
            throw;
        }
        catch (AggregateException wrapped) when (interrupt.IsCancellationRequested && wrapped.InnerExceptions is [OperationCanceledException])
        {
            throw new OperationCanceledException(interrupt); // the work itself noticed the Ctrl-C first
        }
    }

    /// <summary>Whether the task ended (in any way) within the time given.</summary>
    private static bool WaitQuietly(Task task, TimeSpan time)
    {
        try
        {
            return task.Wait(time);
        }
        catch (AggregateException)
        {
            return true; // ended, by the cancellation or another error
        }
    }

    /// <summary>A reject's reason: the problem and where, for the errors the readers report; the type too for anything else.</summary>
    private static string Reason(Exception e) => e switch
    {
        MusicFormatException m => m.Problem + (m.Location.Length > 0 ? $" ({m.Location})" : ""),
        IOException or UnauthorizedAccessException or OverflowException or ArgumentException or MidiExportException or InvalidOperationException => e.Message,
        _ => $"unexpected {e.GetType().Name}: {e.Message}",
    };

    /// <summary>A field of rejects.tsv: backslash, tab and line breaks escaped, so a file name cannot forge a row.</summary>
    internal static string TsvField(string text) =>
        text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static void Report(int done, int total, Stopwatch clock)
    {
        if (Console.IsErrorRedirected)
            return; // a progress bar only makes sense on a terminal
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {clock.Elapsed:mm\\:ss}");
    }
}
