using System.Text;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// Ctrl-C (a real SIGINT) during <c>bench train</c>, <c>bench generate</c> and <c>bench convert</c>: each is given far more work than the
/// interrupt, sent after the first progress line, lets it do; neither prints a figure for the part it measured.
/// </summary>
public sealed class BenchInterruptTests
{
    [Fact]
    public void Ctrl_c_stops_bench_train_before_its_next_step_and_prints_no_figure()
    {
        using var temp = new TempDirectory("bench-train-interrupt");
        var interrupted = Notagen.InterruptAfter(temp.Path, "step 1/100000:",
            "bench", "train", "--preset", "tiny", "--batch-patches", "16", "--steps", "100000", "--warmup", "0", "--threads", "1");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        Assert.Contains("notagen bench train: interrupted; no figure printed.", interrupted.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"step 1/100000: \d+\.\d\d s/step, ETA \d\d:\d\d:\d\d", interrupted.StandardError);
        Assert.Equal("", interrupted.StandardOutput);
    }

    [Fact]
    public void Ctrl_c_stops_bench_generate_after_the_patch_in_hand_and_prints_no_figure()
    {
        using var temp = new TempDirectory("bench-generate-interrupt");
        // 2,000 patches cached, then the same recomputed (quadratic): minutes of work that the interrupt cuts short.
        var interrupted = Notagen.InterruptAfter(temp.Path, "cached decoding: ",
            "bench", "generate", "--preset", "tiny", "--patches", "2000", "--threads", "1");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        Assert.Matches(@"notagen bench generate: interrupted during (cached|recomputing) decoding; no figure printed\.", interrupted.StandardError);
        Assert.Equal("", interrupted.StandardOutput);
    }

    [Fact]
    public void Ctrl_c_stops_bench_convert_between_files_and_prints_no_figure()
    {
        using var temp = new TempDirectory("bench-convert-interrupt");
        // 3,000 scores of 400 measures each (about 20 s of conversion here): far more than the interrupt, sent after the
        // first file, lets it convert. Links to one file, so that the test writes 180 kB, not 500 MB.
        const int files = 3000;
        Directory.CreateDirectory(temp.File("in"));
        var measures = new StringBuilder();
        for (var m = 1; m <= 400; m++)
            measures.Append($"<measure number=\"{m}\">{(m == 1 ? "<attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>G</sign><line>2</line></clef></attributes>" : "")}")
                .Append(string.Concat("CDEF".Select(step => $"<note><pitch><step>{step}</step><octave>4</octave></pitch><duration>1</duration><type>quarter</type></note>")))
                .Append("</measure>");
        var score = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><score-partwise version=\"4.0\"><part-list><score-part id=\"P1\"><part-name>Piano</part-name></score-part></part-list>" +
            $"<part id=\"P1\">{measures}</part></score-partwise>";
        File.WriteAllText(temp.File("score.musicxml"), score);
        for (var i = 0; i < files; i++)
            File.CreateSymbolicLink(temp.File($"in/s{i:D4}.musicxml"), temp.File("score.musicxml"));

        var interrupted = Notagen.InterruptAfter(temp.Path, "bench convert: ", "bench", "convert", "in", "--jobs", "1");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        var stopped = System.Text.RegularExpressions.Regex.Match(interrupted.StandardError, @"notagen bench convert: interrupted after (\d+) of 3000 files; no figure printed\.");
        Assert.True(stopped.Success, interrupted.StandardError);
        Assert.InRange(int.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, files - 1);
        Assert.Equal("", interrupted.StandardOutput);
    }
}
