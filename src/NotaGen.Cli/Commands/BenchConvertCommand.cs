using System.CommandLine;
using System.Diagnostics;
using NotaGen.Music;
using NotaGen.Music.MusicXml;
using NotaGen.Music.Scores;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen bench convert DIR</c>: MusicXML → ABC throughput (files/s, MB/s) on a folder of scores. A progress line
/// (rate, ETA); Ctrl-C takes no new file and prints no figure (exit 130).
/// </summary>
internal static class BenchConvertCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "Folder of .musicxml/.xml/.mxl scores, read recursively." };
        var jobs = new Option<int>("--jobs") { Description = "Parallel conversions (default: processor count; 1 for single-core speed)." };
        var convert = new Command("convert", "Time MusicXML → ABC over a folder: files/s and MB/s (input bytes), in memory, no output written.")
        {
            folder, jobs,
        };
        convert.SetAction(Interrupt.Cancels((parse, cancellation) =>
        {
            var dir = parse.GetValue(folder)!;
            if (!Directory.Exists(dir))
            {
                Console.Error.WriteLine($"error: {dir}: no such folder");
                return 2;
            }
            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => ScoreFormats.Of(f) == ScoreFormat.MusicXml).ToList();
            var bytes = files.Sum(f => new FileInfo(f).Length);
            var failed = 0;
            var threads = parse.GetValue(jobs) is > 0 and var j ? j : Environment.ProcessorCount;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var progress = new RateProgress(Console.Error);
            var done = 0;
            try
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, f =>
                {
                    try
                    {
                        MusicXmlToAbc.ConvertFile(f);
                    }
                    catch (MusicFormatException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    progress.Report("bench convert", "files", Interlocked.Increment(ref done), files.Count);
                });
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine($"notagen bench convert: interrupted after {done} of {files.Count} files; no figure printed.");
                return CliExit.Interrupted;
            }
            progress.Finish();
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{files.Count} files ({bytes / 1e6:F1} MB compressed/plain input), {failed} rejected, {threads} threads, {Environment.ProcessorCount} cores");
            Console.WriteLine($"wall {seconds:F1} s: {files.Count / seconds:F1} files/s, {bytes / 1e6 / seconds:F2} MB/s; cpu {cpuSeconds:F1} s ({files.Count / cpuSeconds:F1} files per cpu-second)");
            return 0;
        }));
        return convert;
    }
}
