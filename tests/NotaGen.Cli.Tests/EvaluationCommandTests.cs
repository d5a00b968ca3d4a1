using System.Text.Json;
using NotaGen.Corpus.Output;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Midi;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Cli.Tests;

/// <summary>classify, eval and ablate run as a user runs them, on hand-made pieces and a tiny random model.</summary>
public sealed class EvaluationCommandTests
{
    private const string Prompted = "%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n%%score { 1 | 2 }\nL:1/8\nM:4/4\nK:C\nV:1 treble\nV:2 bass\n";

    private static readonly string[] Baroque =
    [
        "X:1\nL:1/8\nM:4/4\nK:C\nCDEF GABc|cBAG FEDC|]\n",
        "X:1\nL:1/8\nM:4/4\nK:G\nGABc defg|gfed cBAG|]\n",
        "X:1\nL:1/8\nM:4/4\nK:D\nDEFG ABcd|dcBA GFED|]\n",
    ];

    private static readonly string[] Romantic =
    [
        "X:1\nL:1/4\nM:3/4\nK:Am\n[A,CE]3|[^G,B,E]3|[A,CE]3|]\n",
        "X:1\nL:1/4\nM:3/4\nK:Em\n[E,G,B,]3|[^D,^F,B,]3|[E,G,B,]3|]\n",
        "X:1\nL:1/4\nM:3/4\nK:Dm\n[D,F,A,]3|[^C,E,A,]3|[D,F,A,]3|]\n",
    ];

    internal static void WriteCorpus(string path)
    {
        var baroque = new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard");
        var romantic = new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard");
        CorpusReader.Write(path,
        [
            .. Baroque.Select((abc, i) => new CorpusPiece { Id = $"b{i}", Labels = baroque, Abc = abc, Split = i == 2 ? CorpusSplits.Test : CorpusSplits.Train }),
            .. Romantic.Select((abc, i) => new CorpusPiece { Id = $"r{i}", Labels = romantic, Abc = abc, Split = i == 2 ? CorpusSplits.Test : CorpusSplits.Train }),
        ]);
    }

    [Fact]
    public void Classify_trains_on_a_corpus_reports_test_accuracy_and_prints_one_json_line_per_file_for_abc_and_midi()
    {
        using var temp = new TempDirectory();
        WriteCorpus(temp.File("corpus.jsonl"));
        var train = Notagen.Run(temp.Path, "classify", "--corpus", "corpus.jsonl", "--save", "style.json");
        Assert.True(train.ExitCode == 0, train.StandardError);
        Assert.Contains("test accuracy period", train.StandardError, StringComparison.Ordinal);

        File.WriteAllText(temp.File("piece.abc"), Romantic[0]);
        var events = AbcParser.Parse(Baroque[0]).Tunes[0].ToScoreEvents();
        SmfWriter.WriteFile(MidiExporter.Export(events), temp.File("piece.mid"));
        File.WriteAllText(temp.File("broken.abc"), "X:1\nL:1/4\nM:4/4\nK:C\nC D E F|[CEG\n");
        var result = Notagen.Run(temp.Path, "classify", "piece.abc", "piece.mid", "broken.abc", "--model", "style.json", "--json");
        Assert.Equal(1, result.ExitCode); // the broken file is reported, the others classified
        Assert.Contains("broken.abc:5:", result.StandardError, StringComparison.Ordinal);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var abc = JsonDocument.Parse(lines[0]);
        Assert.Equal("piece.abc", abc.RootElement.GetProperty("path").GetString());
        Assert.Equal("Romantic", abc.RootElement.GetProperty("period").GetString());
        var periods = abc.RootElement.GetProperty("scores").GetProperty("period").EnumerateObject().Select(p => p.Value.GetDouble()).ToList();
        Assert.Equal(1.0, periods.Sum(), 3);
        using var midi = JsonDocument.Parse(lines[1]);
        Assert.Equal("Baroque", midi.RootElement.GetProperty("period").GetString());
        Assert.Equal("Keyboard", midi.RootElement.GetProperty("instrumentation").GetString());
    }

    [Fact]
    public void Eval_writes_a_row_per_piece_and_a_seeded_summary_with_intervals_around_the_means()
    {
        using var temp = new TempDirectory();
        WriteCorpus(temp.File("corpus.jsonl"));
        var samples = Directory.CreateDirectory(temp.File("samples")).FullName;
        File.WriteAllText(Path.Combine(samples, "a.abc"), Prompted + "[r:0/1][V:1]CDEF GABc|[V:2]C,8|\n[r:1/0][V:1]cBAG FEDC|]\n");
        File.WriteAllText(Path.Combine(samples, "b.abc"), Prompted + "[r:0/1][V:1]CDEF GABc|[V:2]C,8|\n[r:1/0][V:1]cBAG FEDC|[V:2]G,4|]\n");
        File.WriteAllText(Path.Combine(samples, "c.abc"), Prompted + "[r:0/0][V:1]CDE[F|[V:2]C,8|\n");
        var first = Notagen.Run(temp.Path, "eval", "--samples", "samples", "--reference", "corpus.jsonl", "--out", "out", "--seed", "7");
        Assert.True(first.ExitCode == 0, first.StandardError);

        var metrics = File.ReadAllLines(temp.File("out/metrics.csv"));
        Assert.Equal(4, metrics.Length);
        var header = metrics[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        Assert.True(Column("parses") > 0, metrics[0]);
        var rows = metrics.Skip(1).Select(AblationCsv).ToList();
        Assert.Equal(["1", "1", "0"], rows.Select(r => r[Column("parses")]));
        Assert.Equal("0", rows[0][Column("bar_alignment_error")]);
        Assert.Equal("0.5", rows[1][Column("bar_alignment_error")]); // voice 2 is half a bar short in bar 2
        Assert.Equal("Baroque/Bach, Johann Sebastian/Keyboard", AblationCsv(metrics[1])[1]);

        var summary = File.ReadAllLines(temp.File("out/summary.csv"));
        var parses = summary.Select(l => l.Split(',')).Single(r => r[0] == "all" && r[1] == "parses");
        Assert.Equal("3", parses[2]);
        var (mean, low, high) = (double.Parse(parses[3], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(parses[4], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parses[5], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2.0 / 3, mean, 12);
        Assert.True(low <= mean && mean <= high && low < high, $"{low} {mean} {high}");
        Assert.True(File.Exists(temp.File("out/set_comparison.csv")));

        var again = Notagen.Run(temp.Path, "eval", "--samples", "samples", "--reference", "corpus.jsonl", "--out", "again", "--seed", "7");
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Equal(File.ReadAllText(temp.File("out/summary.csv")), File.ReadAllText(temp.File("again/summary.csv")));
    }

    [Fact]
    public void Ablate_generates_every_cell_resumes_past_finished_cells_and_reproduces_a_cell_run_alone()
    {
        using var temp = new TempDirectory();
        SaveTinyModel(temp.File("model"));
        string[] arguments = ["ablate", "--no-static", "--model", "model", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard", "--grid", "top_k=5,9;temperature=1.2",
            "--samples-per-cell", "2", "--seed", "3", "--max-patches", "6", "--threads", "1", "--out", "run"];
        var first = Notagen.Run(temp.Path, arguments);
        Assert.True(first.ExitCode == 0, first.StandardError + first.StandardOutput);
        var results = File.ReadAllLines(temp.File("run/results.csv"));
        Assert.Equal(3, results.Length); // header + 2 cells × 1 prompt
        Assert.StartsWith("cell,order,top_k,top_p,temperature,prompt,samples,finished,parses", results[0], StringComparison.Ordinal);
        Assert.All(results.Skip(1), row => Assert.Equal("2", AblationCsv(row)[6]));

        var cell = temp.File("run/cells/k5-p0.9-t1.2-notagen");
        var piece = File.ReadAllText(Path.Combine(cell, "baroque-bach-johann-sebastian-keyboard-1.abc"));
        Directory.Delete(cell, recursive: true);
        var resumed = Notagen.Run(temp.Path, arguments);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.Contains("k9-p0.9-t1.2-notagen: done before, skipped", resumed.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("k5-p0.9-t1.2-notagen: done before", resumed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(piece, File.ReadAllText(Path.Combine(cell, "baroque-bach-johann-sebastian-keyboard-1.abc")));
        Assert.Equal(results, File.ReadAllLines(temp.File("run/results.csv")));
    }

    [Fact]
    public void Ablate_over_several_models_names_each_rows_model_and_conditioning()
    {
        using var temp = new TempDirectory();
        SaveTinyModel(temp.File("prompted"));
        SaveTinyModel(temp.File("unprompted"), Micro with { Style = new StyleConditioning { PromptLines = false } }, seed: 2);
        var run = Notagen.Run(temp.Path, "ablate", "--no-static", "--model", "prompted", "--model", "unprompted", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard",
            "--samples-per-cell", "1", "--max-patches", "4", "--threads", "1", "--out", "run");
        Assert.True(run.ExitCode == 0, run.StandardError + run.StandardOutput);
        var rows = File.ReadAllLines(temp.File("run/results.csv")).Skip(1).Select(AblationCsv).ToList();
        Assert.Equal([("prompted", "prompt_lines"), ("unprompted", "none")], rows.Select(r => (r[0], r[1])));
        Assert.True(File.Exists(temp.File("run/models/unprompted/cells/k9-p0.9-t1.2-notagen/done")));

        var clash = Notagen.Run(temp.Path, "ablate", "--model", "prompted", "--model", "./prompted/", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard", "--out", "run2");
        Assert.NotEqual(0, clash.ExitCode);
        Assert.Contains("two models are named 'prompted'", clash.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_with_model_features_trains_on_a_models_hidden_states_and_the_saved_classifiers_remember_their_model()
    {
        using var temp = new TempDirectory();
        WriteCorpus(temp.File("corpus.jsonl"));
        SaveTinyModel(temp.File("model"));
        var train = Notagen.Run(temp.Path, "classify", "--corpus", "corpus.jsonl", "--features", "model", "--features-model", "model", "--save", "style.json");
        Assert.True(train.ExitCode == 0, train.StandardError);
        Assert.Contains("model (" + temp.File("model") + ") features: trained on 4 pieces, tested on 2", train.StandardError, StringComparison.Ordinal);
        Assert.Contains("test accuracy period", train.StandardError, StringComparison.Ordinal);

        File.WriteAllText(temp.File("piece.abc"), Romantic[0]);
        var result = Notagen.Run(temp.Path, "classify", "piece.abc", "--model", "style.json", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput.Trim());
        Assert.Contains(json.RootElement.GetProperty("period").GetString(), new[] { "Baroque", "Romantic" });
        var periods = json.RootElement.GetProperty("scores").GetProperty("period").EnumerateObject().Select(p => p.Value.GetDouble()).ToList();
        Assert.Equal(1.0, periods.Sum(), 3);

        var bad = Notagen.Run(temp.Path, "classify", "--corpus", "corpus.jsonl", "--features", "words");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("words", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Perplexity_reports_pieces_characters_and_exp_of_the_mean_loss_and_refuses_an_unknown_split()
    {
        using var temp = new TempDirectory();
        WriteCorpus(temp.File("corpus.jsonl"));
        SaveTinyModel(temp.File("model"));
        var result = Notagen.Run(temp.Path, "perplexity", "--model", "model", "--data", "corpus.jsonl", "--split", "test", "--threads", "1");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("2/2 pieces", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("on the test split of corpus.jsonl: 2 pieces, ", result.StandardOutput, StringComparison.Ordinal);
        var numbers = System.Text.RegularExpressions.Regex.Match(result.StandardOutput, @"mean loss ([0-9.]+) nats/char \(([0-9.]+) bits/char\), perplexity ([0-9.]+)");
        Assert.True(numbers.Success, result.StandardOutput);
        var loss = double.Parse(numbers.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Exp(loss), double.Parse(numbers.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 0.01);
        Assert.Equal(loss / Math.Log(2), double.Parse(numbers.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.001);

        var wrong = Notagen.Run(temp.Path, "perplexity", "--model", "model", "--data", "corpus.jsonl", "--split", "dev");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("'dev' is not train, validation or test", wrong.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Ablate_with_two_jobs_writes_the_same_files_as_one_job_over_both_sampling_orders()
    {
        using var temp = new TempDirectory();
        SaveTinyModel(temp.File("model"));
        string[] Arguments(string jobs, string output) => ["ablate", "--model", "model", "--prompt", "Baroque/Bach, Johann Sebastian/Keyboard",
            "--grid", "top_k=5;temperature=1.2;order=notagen,temperature-first", "--samples-per-cell", "3", "--seed", "5", "--max-patches", "6",
            "--jobs", jobs, "--no-static", "--out", output];
        var one = Notagen.Run(temp.Path, Arguments("1", "one"));
        Assert.True(one.ExitCode == 0, one.StandardError + one.StandardOutput);
        var two = Notagen.Run(temp.Path, Arguments("2", "two"));
        Assert.True(two.ExitCode == 0, two.StandardError + two.StandardOutput);

        // The pieces, their metrics and results.csv (the figures drawn from it are another test's business).
        var files = Directory.EnumerateFiles(temp.File("one/cells"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.File("one"), f))
            .Append("results.csv").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2 * (3 + 2) + 1, files.Count);
        Assert.Contains(Path.Combine("cells", "k5-p0.9-t1.2-temperature-first", "done"), files);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("one"), file)), File.ReadAllBytes(Path.Combine(temp.File("two"), file)));
    }

    private static readonly NotaGenConfig Micro = new() { Preset = "micro", HiddenSize = 32, Heads = 2, PatchLayers = 1, CharLayers = 1, PatchLength = 32, Dropout = 0 };

    internal static void SaveTinyModel(string folder, NotaGenConfig? config = null, int seed = 1)
    {
        using var model = NotaGenModel.Create(config ?? Micro, seed: seed);
        ModelDirectory.Save(model, folder);
    }

    private static List<string> AblationCsv(string line) => NotaGen.Evaluation.Runner.AblationRunner.CsvRow(line);
}
