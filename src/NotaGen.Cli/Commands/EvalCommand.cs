using System.CommandLine;
using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Novelty;
using NotaGen.Evaluation.Runner;
using NotaGen.Evaluation.SetComparison;
using NotaGen.Evaluation.Style;
using NotaGen.Evaluation.Validity;
using NotaGen.Modeling.Runtime;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen eval --samples DIR --reference CORPUS_OR_DIR --out DIR</c>: every metric of every generated piece
/// (metrics.csv), means with 95% bootstrap intervals per prompt and overall (summary.csv), and Yang &amp; Lerch's
/// comparison with the reference set (set_comparison.csv). A corpus reference (JSON Lines or a <c>corpus build</c>
/// folder) gives its train split to the novelty metrics and its <c>--split</c> (test) to the set comparison; a folder
/// of .abc files serves as both. Progress lines (rate, ETA) while the reference is indexed and the pieces evaluated;
/// Ctrl-C stops between pieces, writes none of the three tables (they are written together at the end) and exits 130.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var samples = new Option<string>("--samples") { Description = "Folder of generated pieces (*.abc, searched recursively; NotaGen's raw output or standard ABC).", Required = true };
        var reference = new Option<string>("--reference") { Description = "A corpus (JSON Lines or 'corpus build' folder) or a folder of .abc files.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write metrics.csv, summary.csv and set_comparison.csv into.", Required = true };
        var split = new Option<string>("--split") { Description = "The corpus split to compare the samples' distribution with.", DefaultValueFactory = _ => CorpusSplits.Test };
        var styleModel = new Option<string?>("--style-model") { Description = "Style classifiers (saved by 'classify --save') for label accuracy and style score." };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap.", DefaultValueFactory = _ => 0 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => 1000 };
        var noAbc2Midi = new Option<bool>("--no-abc2midi") { Description = "Do not ask abc2midi (it is asked when installed)." };
        var jobs = new Option<int>("--jobs") { Description = "Reference pieces read at once.", DefaultValueFactory = _ => 1 };
        var command = new Command("eval", "Evaluate generated pieces: validity, bar alignment, MusPy, structure, novelty, style; per-prompt summaries with bootstrap intervals.")
        {
            samples, reference, output, split, styleModel, seed, resamples, noAbc2Midi, jobs,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) => CliExit.Run(() =>
        {
            var samplesDir = parse.GetValue(samples)!;
            if (!Directory.Exists(samplesDir)) throw new ArgumentException($"--samples: '{samplesDir}' is not a folder");
            var files = Directory.EnumerateFiles(samplesDir, "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new ArgumentException($"--samples: no .abc files under '{samplesDir}'");
            var (training, referenceSet) = ReadReference(parse.GetValue(reference)!, parse.GetValue(split)!);
            var outDir = parse.GetValue(output)!;
            var progress = new RateProgress(Console.Error);
            var evaluated = 0;
            try
            {
                return Evaluate();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine($"notagen eval: interrupted during {progress.Stage ?? "start-up"} ({evaluated} of {files.Count} pieces evaluated); "
                    + $"no metrics.csv, summary.csv or set_comparison.csv was written to {outDir} (they are written together at the end, so the same command starts over).");
                return CliExit.Interrupted;
            }

            int Evaluate()
            {
                var index = BarSequenceIndex.OfCorpus(training, parse.GetValue(jobs), (done, all) => progress.Report("reference bars", "pieces", done, all), cancellation);
                progress.Finish();
                var styles = parse.GetValue(styleModel) is { } stylePath ? StyleModel.Load(stylePath) : null;
                var tool = parse.GetValue(noAbc2Midi) ? null : Abc2MidiCheck.FindOnPath();
                if (tool is null && !parse.GetValue(noAbc2Midi))
                    Console.Error.WriteLine("abc2midi not found (Debian package abcmidi): the abc2midi_ok column stays empty");
                if (styles?.Features.Family == StyleFeatureSource.ModelFamily) TorchRuntime.Initialize();
                using var features = styles is null ? null : StyleFeatureExtractor.Open(styles.Features);
                var evaluator = new SampleEvaluator(index, styles, tool, features);

                var rows = new List<EvaluatedSample>();
                var texts = new List<(string, string)>();
                foreach (var file in files)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var text = File.ReadAllText(file);
                    texts.Add((file, text));
                    rows.Add(evaluator.Evaluate(Path.GetRelativePath(samplesDir, file), text));
                    progress.Report("eval", "pieces", evaluated = rows.Count, files.Count);
                }
                progress.Finish();
                cancellation.ThrowIfCancellationRequested();
                Directory.CreateDirectory(outDir);
                var columns = evaluator.Columns;
                MetricsTables.Write(Path.Combine(outDir, "metrics.csv"), MetricsTables.MetricsCsv(rows, columns));
                var summary = MetricsTables.Summarise(rows, columns, parse.GetValue(seed), parse.GetValue(resamples));
                MetricsTables.Write(Path.Combine(outDir, "summary.csv"), MetricsTables.SummaryCsv(summary));
                var comparison = SetDistances.Compare(SampleEvaluator.SetFeatures(texts), SampleEvaluator.SetFeatures(referenceSet.Select(p => (p.Id, p.Abc))));
                MetricsTables.Write(Path.Combine(outDir, "set_comparison.csv"), MetricsTables.SetComparisonCsv(comparison));

                string Line(string metric) => summary.First(r => r.Group == MetricsTables.All && r.Metric == metric) is var r
                    ? $"{metric} {r.Mean:F3} [{r.Low:F3}, {r.High:F3}]" : metric;
                Console.WriteLine($"{rows.Count} pieces against {index.Count} training and {referenceSet.Count} reference pieces");
                Console.WriteLine(string.Join("; ", new[] { "parses", "abc2midi_ok", "bar_alignment_error", "repetition_rate", "nearest_edit_similarity" }.Select(Line)));
                Console.WriteLine($"wrote metrics.csv, summary.csv and set_comparison.csv to {outDir}");
                return CliExit.Success;
            }
        })));
        return command;
    }

    /// <summary>(training pieces for novelty, reference pieces for the set comparison).</summary>
    private static (IReadOnlyList<CorpusPiece> Training, IReadOnlyList<CorpusPiece> Reference) ReadReference(string path, string split)
    {
        var abcFiles = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.abc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];
        if (abcFiles.Count > 0 && !Directory.EnumerateFiles(path, "*.jsonl").Any())
        {
            var pieces = abcFiles.Select(f => new CorpusPiece { Id = f, Abc = File.ReadAllText(f) }).ToList();
            return (pieces, pieces);
        }
        var corpus = CorpusReader.ReadAll(path);
        var training = corpus.Where(p => p.Split == CorpusSplits.Train).ToList();
        var reference = corpus.Where(p => p.Split == split).ToList();
        if (reference.Count == 0) throw new ArgumentException($"--reference: '{path}' has no pieces in split '{split}'");
        return (training, reference);
    }
}
