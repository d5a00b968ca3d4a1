using System.CommandLine;
using System.Diagnostics;
using NotaGen.Corpus.Building;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Corpus.Splitting;
using NotaGen.Corpus.Statistics;

namespace NotaGen.Cli.Commands;

/// <summary><c>notagen corpus build|stats</c>: folders of scores → NotaGen training data, and a look at what was built.</summary>
internal static class CorpusCommand
{
    public static Command Create() => new("corpus", "Build a labelled, split NotaGen training corpus from folders of scores, and count it.")
    {
        BuildCommand(),
        StatsCommand(),
    };

    private static Command BuildCommand()
    {
        var inputs = new Option<string[]>("--in") { Description = "Folders of scores (ABC, MusicXML/mxl; MIDI is rejected for now).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "The folder to write shards, manifest.json, rejects.tsv and DATA_CARD.md into.", Required = true };
        var labels = new Option<string?>("--labels") { Description = "A labels table (index.tsv format; paths relative to the --in folder)." };
        var jobs = new Option<int>("--jobs") { Description = "Files read at once.", DefaultValueFactory = _ => 1 };
        var licence = new Option<string?>("--licence") { Description = "Keep only pieces under this licence: cc0." };
        var validation = new Option<double>("--validation") { Description = "Share of pieces (by duplicate group) in validation.", DefaultValueFactory = _ => 0.05 };
        var test = new Option<double>("--test") { Description = "Share of pieces (by duplicate group) in test.", DefaultValueFactory = _ => 0.05 };
        var nearDuplicate = new Option<double>("--near-duplicate") { Description = "Pieces without a dup_group whose first 8 bars are within this normalized edit distance are one work (0 turns matching off but exact copies).", DefaultValueFactory = _ => 0.1 };
        var noCache = new Option<bool>("--no-cache") { Description = "Re-read every file instead of reusing OUT/.cache." };
        var command = new Command("build", "Read, label, prepare and split scores into sharded JSON Lines.") { inputs, output, labels, jobs, licence, validation, test, nearDuplicate, noCache };
        command.SetAction(Interrupt.Cancels((parse, cancellation) => CliExit.Run(() =>
        {
            var options = new CorpusBuildOptions
            {
                Inputs = parse.GetValue(inputs)!,
                Output = parse.GetValue(output)!,
                LabelsPath = parse.GetValue(labels),
                Jobs = parse.GetValue(jobs),
                Licence = parse.GetValue(licence),
                Fractions = new SplitFractions(parse.GetValue(validation), parse.GetValue(test)),
                NearDuplicates = new NearDuplicateOptions(parse.GetValue(nearDuplicate)),
                UseCache = !parse.GetValue(noCache),
            };
            var clock = Stopwatch.StartNew();
            var builder = new CorpusBuilder(options, ComposerPeriods.Bundled);
            var progress = new RateProgress(Console.Error);
            CorpusManifest manifest;
            try
            {
                // Checked between files only: once they are all read, the shards, rejects.tsv and manifest are written
                // in full, so an interrupt never leaves a set of shards that is half this build's and half the last's.
                manifest = builder.Build(progress, cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                progress.Finish();
                Console.Error.WriteLine($"notagen corpus build: interrupted while reading files; no shard, rejects.tsv or manifest.json was written"
                    + (options.UseCache ? $", and the files read so far are cached in {Path.Combine(options.Output, ".cache")}, so the same command goes on from them." : "."));
                return CliExit.Interrupted;
            }
            progress.Finish();
            var c = manifest.Counts;
            Console.WriteLine($"{c.Files} files → {c.Pieces} pieces ({c.Labelled} labelled, {c.Prompted} with prompt lines), {c.Rejected} rejected, {clock.Elapsed.TotalSeconds:F1} s ({builder.CacheHits} files from cache)");
            Console.WriteLine($"multi-movement files split: {c.MultiMovementFiles}");
            Console.WriteLine("splits: " + string.Join(", ", c.PiecesBySplit.Select(kv => $"{kv.Key} {kv.Value}")));
            Console.WriteLine("rejects: " + string.Join(", ", c.RejectsByStage.Select(kv => $"{kv.Key} {kv.Value}")));
            return CliExit.Success;
        })));
        return command;
    }

    private static Command StatsCommand()
    {
        var folder = new Argument<string>("folder") { Description = "A folder written by 'corpus build'." };
        var prompts = new Option<string?>("--prompts") { Description = "NotaGen's prompt list (period, composer, instrumentation TSV, e.g. ../shared/reference/prompts.tsv) to report coverage of." };
        var top = new Option<int>("--top") { Description = "Rows shown per axis (stats.csv has them all).", DefaultValueFactory = _ => 12 };
        var command = new Command("stats", "Print pieces, bars, patches and characters per period, instrumentation, composer, key, meter, source and split; write stats.csv.") { folder, prompts, top };
        command.SetAction(parse => CliExit.Run(() =>
        {
            var dir = parse.GetValue(folder)!;
            if (!Directory.Exists(dir)) throw new ArgumentException($"'{dir}' is not a folder");
            var pieces = CorpusReader.ReadShards(dir).ToList();
            if (pieces.Count == 0) throw new ArgumentException($"'{dir}' holds no pieces-*.jsonl shards; run 'notagen corpus build' first");
            var rows = CorpusStatistics.Compute(pieces);
            Console.WriteLine($"{"axis",-16} {"value",-36} {"pieces",8} {"bars",10} {"patches",10} {"characters",12}");
            foreach (var axis in rows.GroupBy(r => r.Axis))
            {
                foreach (var row in axis.Take(parse.GetValue(top)))
                    Console.WriteLine($"{row.Axis,-16} {Truncate(row.Value, 36),-36} {row.Pieces,8} {row.Bars,10} {row.Patches,10} {row.Characters,12}");
                if (axis.Count() > parse.GetValue(top))
                    Console.WriteLine($"{axis.Key,-16} {$"(+{axis.Count() - parse.GetValue(top)} more in stats.csv)",-36}");
            }
            CorpusWriter.WriteText(Path.Combine(dir, "stats.csv"), CorpusStatistics.ToCsv(rows));
            if (parse.GetValue(prompts) is { } promptFile)
            {
                var counts = CorpusStatistics.PromptCounts(pieces, CorpusStatistics.ReadPrompts(promptFile));
                var missing = counts.Where(c => c.Pieces == 0).ToList();
                Console.WriteLine($"prompt coverage: {counts.Count - missing.Count} of {counts.Count} NotaGen prompts have at least one piece");
                foreach (var prompt in missing.Take(parse.GetValue(top)))
                    Console.WriteLine($"  no pieces: {prompt.Prompt.Period} | {prompt.Prompt.Composer} | {prompt.Prompt.Instrumentation}");
                if (missing.Count > parse.GetValue(top))
                    Console.WriteLine($"  ... and {missing.Count - parse.GetValue(top)} more");
            }
            Console.WriteLine($"wrote {Path.Combine(dir, "stats.csv")}");
            return CliExit.Success;
        }));
        return command;
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
