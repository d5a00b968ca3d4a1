using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>
/// Ctrl-C (a real SIGINT) while <c>perplexity</c> scores a split and while <c>eval</c> evaluates a folder of pieces:
/// both are given thousands of pieces and interrupted after the first, so the interrupt lands mid-way however fast
/// the machine.
/// </summary>
public sealed class EvaluationInterruptTests
{
    private const string Prompted = "%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n%%score { 1 | 2 }\nL:1/8\nM:4/4\nK:C\nV:1 treble\nV:2 bass\n";

    [Fact]
    public void Ctrl_c_stops_perplexity_between_batches_and_prints_no_figure()
    {
        using var temp = new TempDirectory("perplexity-interrupt");
        EvaluationCommandTests.SaveTinyModel(temp.File("model"));
        const int pieces = 12000;
        var tunes = Enumerable.Range(0, pieces).Select(i => new NotaGen.Corpus.Output.CorpusPiece
        {
            Id = $"t{i}",
            Split = NotaGen.Corpus.Output.CorpusSplits.Test,
            Abc = $"X:1\nL:1/8\nM:4/4\nK:C\nCDEF GABc|cBAG FEDC|D{i % 7 + 1}|]\n",
        });
        NotaGen.Corpus.Output.CorpusReader.Write(temp.File("corpus.jsonl"), tunes);

        // Batches of a few pieces (about 12 s of scoring here): a progress line (with its rate and ETA) per batch.
        var interrupted = Notagen.InterruptAfter(temp.Path, "perplexity: ",
            "perplexity", "--model", "model", "--data", "corpus.jsonl", "--batch-patches", "8", "--threads", "1");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        var stopped = System.Text.RegularExpressions.Regex.Match(interrupted.StandardError,
            @"notagen perplexity: interrupted after (\d+) of 12000 pieces; no figure printed \(the loss above is of those pieces only\)\.");
        Assert.True(stopped.Success, interrupted.StandardError);
        Assert.InRange(int.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, pieces - 1);
        Assert.DoesNotContain("perplexity", interrupted.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_c_stops_eval_between_pieces_and_writes_none_of_its_tables()
    {
        using var temp = new TempDirectory("eval-interrupt");
        EvaluationCommandTests.WriteCorpus(temp.File("corpus.jsonl"));
        var samples = Directory.CreateDirectory(temp.File("samples")).FullName;
        const int pieces = 3000;
        for (var i = 0; i < pieces; i++)
            File.WriteAllText(Path.Combine(samples, $"p{i:D4}.abc"), Prompted + $"[r:0/1][V:1]CDEF GABc|[V:2]C,8|\n[r:1/0][V:1]cBAG FED{"CDEFGAB"[i % 7]}|[V:2]G,8|]\n");

        var interrupted = Notagen.InterruptAfter(temp.Path, "eval: ",
            "eval", "--samples", "samples", "--reference", "corpus.jsonl", "--out", "out", "--no-abc2midi");
        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}: {interrupted.StandardError}");
        var stopped = System.Text.RegularExpressions.Regex.Match(interrupted.StandardError,
            @"notagen eval: interrupted during eval \((\d+) of 3000 pieces evaluated\); no metrics\.csv, summary\.csv or set_comparison\.csv was written to out");
        Assert.True(stopped.Success, interrupted.StandardError);
        Assert.InRange(int.Parse(stopped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, pieces - 1);
        Assert.False(Directory.Exists(temp.File("out")), "no output folder for an evaluation that did not finish");
        Assert.Equal("", interrupted.StandardOutput);
    }
}
