using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NotaGen.Corpus.Output;
using NotaGen.Evaluation.Perplexity;
using NotaGen.Evaluation.Style;
using NotaGen.Modeling.Runtime;
using NotaGen.Modeling.Weights;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen perplexity [--model DIR] --data CORPUS [--split test]</c>: the model's mean loss per character (the
/// training loss, nats) and character perplexity on one split of a corpus, with a progress line (rate, ETA, the mean
/// loss so far) per batch; Ctrl-C stops between batches and prints no figure (exit 130). A command
/// of its own rather than an <c>eval</c> mode: eval scores generated pieces, this scores a model on real ones.
/// </summary>
internal static class PerplexityCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A saved model folder (default: the bundled model)." };
        var data = new Option<string>("--data") { Description = "A corpus: JSON Lines file or 'corpus build' folder.", Required = true };
        var split = new Option<string>("--split") { Description = "The split to score: train, validation or test.", DefaultValueFactory = _ => CorpusSplits.Test };
        var take = new Option<int?>("--take") { Description = "Score only the first N pieces of the split." };
        var batchPatches = new Option<int>("--batch-patches") { Description = "Padded patches per batch.", DefaultValueFactory = _ => 2048 };
        var threads = new Option<int>("--threads") { Description = "torch intra-op threads (0 = torch's default).", DefaultValueFactory = _ => 0 };
        var command = new Command("perplexity", "Character perplexity of a model on a corpus split (the training loss per character).")
        {
            model, data, split, take, batchPatches, threads,
        };
        command.SetAction(Interrupt.Cancels((parse, cancellation) => CliExit.Run(() =>
        {
            var name = parse.GetValue(split)!;
            if (name is not (CorpusSplits.Train or CorpusSplits.Validation or CorpusSplits.Test))
                throw new ArgumentException($"--split: '{name}' is not train, validation or test");
            if (parse.GetValue(batchPatches) < 1) throw new ArgumentException("--batch-patches must be at least 1");
            TorchRuntime.Initialize(parse.GetValue(threads) is > 0 and var n ? n : null);
            var dataPath = parse.GetValue(data)!;
            var pieces = CorpusReader.ReadAll(dataPath).Where(p => p.Split == name).ToList();
            if (parse.GetValue(take) is { } limit) pieces = pieces.Take(limit).ToList();
            if (pieces.Count == 0) throw new ArgumentException($"--data: '{dataPath}' has no pieces in split '{name}'");
            var modelDir = parse.GetValue(model) ?? DefaultModel.Directory();
            using var loaded = ModelDirectory.Load(modelDir);
            var clock = Stopwatch.StartNew();
            var progress = new RateProgress(Console.Error);
            var (scored, total) = (0, pieces.Count);
            PerplexityResult result;
            try
            {
                result = CharacterPerplexity.Measure(loaded, pieces, parse.GetValue(batchPatches), (done, all, loss) =>
                {
                    (scored, total) = (done, all);
                    progress.Report("perplexity", "pieces", done, all, string.Create(CultureInfo.InvariantCulture, $", loss {loss:F4} nats/char"));
                }, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                progress.Finish();
                // A mean over the first pieces is not the split's: no figure, rather than one that reads as the answer.
                Console.Error.WriteLine($"notagen perplexity: interrupted after {scored} of {total} pieces; no figure printed (the loss above is of those pieces only).");
                return CliExit.Interrupted;
            }
            progress.Finish();
            var skipped = result.Skipped > 0 ? $" ({result.Skipped} the tokenizer refused left out)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(modelDir))} on the {name} split of {dataPath}: {result.Pieces} pieces{skipped}, {result.Characters} characters"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mean loss {result.MeanLoss:F4} nats/char ({result.BitsPerCharacter:F3} bits/char), perplexity {result.Perplexity:F3}, {clock.Elapsed.TotalSeconds:F1} s"));
            return CliExit.Success;
        })));
        return command;
    }
}
