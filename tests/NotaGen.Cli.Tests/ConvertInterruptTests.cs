using System.Text.RegularExpressions;
using System.Xml.Linq;
using NotaGen.Cli.Commands;
using NotaGen.Music.Midi.Import;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// Ctrl-C on a folder conversion (issue 19: a batch never aborts): a real SIGINT sent once the batch is under way stops
/// it with exit 130, and it still leaves rejects.tsv, the summary and only complete output files.
/// </summary>
public sealed partial class ConvertInterruptTests
{
    private const int Files = 401;

    [Fact]
    public void Ctrl_c_stops_a_folder_conversion_writes_rejects_and_summary_and_leaves_only_complete_files()
    {
        using var temp = new TempDirectory("convert-interrupt");
        var input = Directory.CreateDirectory(temp.File("in"));
        var random = new Random(19);
        const string pitches = "CDEFGABcdefgab";
        for (var i = 0; i < Files - 1; i++)
        {
            // 120 bars of random quarter notes: each file takes milliseconds, the whole folder seconds.
            var bars = Enumerable.Range(0, 120).Select(_ => string.Concat(Enumerable.Range(0, 4).Select(_ => pitches[random.Next(pitches.Length)] + " ")));
            File.WriteAllText(Path.Combine(input.FullName, $"t{i:D3}.abc"), $"X:1\nT:Tune {i}\nM:4/4\nL:1/4\nK:C\n{string.Join("| ", bars)}|]\n");
        }
        // And one long tune (80,000 bars, minutes of work), first in the list so that it is in hand when Ctrl-C comes:
        // its conversion is cancelled, it is not a reject, and nothing is written for it.
        File.WriteAllText(Path.Combine(input.FullName, "a_long.abc"), "X:1\nT:long\nL:1/8\nM:4/4\nK:C\n" + string.Concat(Enumerable.Repeat("CDEF GABc|", 80_000)) + "\n");
        var output = temp.File("out");

        // The interrupt is sent once a few files are written, so that it lands mid-batch on a fast machine or a slow one.
        var result = Notagen.InterruptWhen(temp.Path, () => Directory.Exists(output) && Directory.EnumerateFiles(output, "*.musicxml").Take(5).Count() == 5,
            "convert", "in", "out", "--to", "musicxml", "--jobs", "2");

        // 130 is also what .NET reports for a child killed by SIGINT: the summary and rejects.tsv below are what show
        // that the command handled the interrupt (without Interrupt.Cancels this test fails there).
        Assert.True(result.ExitCode == 130, $"exit {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        // Nothing else in the folder: no temporary or half-written file.
        var written = Directory.GetFiles(output).Select(Path.GetFileName).Where(n => n != "rejects.tsv").Order(StringComparer.Ordinal).ToList();
        Assert.All(written, name => Assert.Matches(@"^t\d{3}\.musicxml$", name!));
        // Interrupted files are not rejects: the table is there, with its header and no row.
        Assert.Equal(["path\treason"], File.ReadAllLines(Path.Combine(output, "rejects.tsv")));

        var summary = Summary().Match(result.StandardOutput);
        Assert.True(summary.Success, result.StandardOutput);
        var converted = int.Parse(summary.Groups["converted"].Value);
        var notConverted = int.Parse(summary.Groups["left"].Value);
        Assert.Equal(0, int.Parse(summary.Groups["rejected"].Value));
        Assert.Equal(Files, converted + notConverted);
        Assert.Equal(converted, written.Count);
        Assert.InRange(converted, 5, Files - 1);
        var interrupted = Interrupted().Match(result.StandardOutput);
        Assert.True(interrupted.Success, result.StandardOutput);
        Assert.Equal(notConverted, int.Parse(interrupted.Groups["left"].Value));
        var stopped = int.Parse(interrupted.Groups["stopped"].Value);
        Assert.InRange(stopped, 1, 2); // the long tune, and perhaps a short one, in the hands of the two jobs
        Assert.Equal(notConverted, stopped + int.Parse(interrupted.Groups["unstarted"].Value));
        Assert.False(File.Exists(Path.Combine(output, "a_long.musicxml")));

        // Every file written is whole: it parses, and it is byte for byte what converting that one file writes.
        var settings = new ConversionSettings(8, Interleaved: false, MidiImportOptions.Default);
        foreach (var name in written)
        {
            var path = Path.Combine(output, name!);
            XDocument.Load(path);
            var alone = temp.File("alone.musicxml");
            ScoreConverter.Convert(Path.Combine(input.FullName, Path.ChangeExtension(name!, ".abc")), alone, settings, _ => { });
            Assert.True(File.ReadAllBytes(alone).AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{name} differs from a one-file conversion");
        }
    }

    [GeneratedRegex(@"(?<converted>\d+) converted, (?<rejected>\d+) rejected .*, (?<left>\d+) not converted, in ")]
    private static partial Regex Summary();

    [GeneratedRegex(@"interrupted \(Ctrl-C\): (?<left>\d+) files not converted \((?<stopped>\d+) stopped mid-conversion, (?<unstarted>\d+) not started\)")]
    private static partial Regex Interrupted();
}
