using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NotaGen.Generation;
using NotaGen.Modeling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Music.Text;

namespace NotaGen.Evaluation.Runner;

/// <summary>What an ablation generates and how it stops each piece.</summary>
/// <param name="Prompts">The style prompts, each complete.</param>
/// <param name="SamplesPerCell">Pieces per prompt and cell.</param>
/// <param name="Seed">The run's seed; each piece's seed is derived from it, its cell's key, its prompt and its index.</param>
/// <param name="MaxPatches">Stop a piece after this many patches (null: NotaGen's limits only).</param>
public sealed record AblationPlan(IReadOnlyList<StylePrompt> Prompts, int SamplesPerCell, ulong Seed, int? MaxPatches = null);

/// <summary>
/// Runs a sampling ablation into a folder: <c>cells/KEY/</c> holds a cell's pieces (<c>PROMPT-N.abc</c>, NotaGen's raw
/// output), its <c>metrics.csv</c> and, last, <c>done</c>; <c>results.csv</c> holds one row per cell and prompt (means
/// of every metric, and the share of pieces that finished). Every piece is generated alone from its own derived seed,
/// so a cell, or one piece, is reproduced by rerunning it alone. A rerun skips cells that have <c>done</c> and rebuilds
/// results.csv from every finished cell. Cancelled, it gives up the cell in hand (it has no <c>done</c>, so a rerun
/// generates it again) and writes results.csv of the cells finished so far.
/// </summary>
public sealed class AblationRunner(NotaGenModel model, SampleEvaluator evaluator, Action<string>? log = null)
{
    public const string ResultsFile = "results.csv";

    /// <summary>Pieces generated at once (threads). Results are the same bits whatever the number.</summary>
    public int Jobs { get; init; } = 1;

    public IReadOnlyList<AblationCellResult> Run(IReadOnlyList<AblationCell> cells, AblationPlan plan, string folder, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(plan);
        model.eval();
        var generator = new PieceGenerator(model);
        var conditioning = new ModelConditioning(model.Config);
        var results = new List<AblationCellResult>();
        foreach (var cell in cells)
        {
            if (cancellation.IsCancellationRequested)
                break;
            var dir = Path.Combine(folder, "cells", cell.Key);
            if (File.Exists(Path.Combine(dir, "done")))
            {
                log?.Invoke($"{cell.Key}: done before, skipped");
                results.Add(Load(cell, dir));
                continue;
            }
            Directory.CreateDirectory(dir);
            // Pieces run on up to Jobs threads; each has its own derived seed and slot, so the files and the order of
            // metrics.csv do not depend on Jobs.
            var work = plan.Prompts.SelectMany(p => Enumerable.Range(0, plan.SamplesPerCell).Select(i => (Prompt: p, Index: i))).ToList();
            var slots = new EvaluatedSample[work.Count];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Jobs), CancellationToken = cancellation };
            if (!Generate(work.Count, parallel, w =>
            {
                var (style, i) = work[w];
                var prompt = style.ToSlashText();
                cancellation.ThrowIfCancellationRequested();
                var request = PieceRequest.For(conditioning, style);
                var options = new GenerationOptions { Sampling = cell.Sampling, Seed = SeedFor(plan.Seed, cell.SamplingKey, prompt, i), MaxPatches = plan.MaxPatches };
                if (cell.Constraint is { } constraint) options = options with { Constraint = constraint };
                var piece = generator.Generate(request, options, cancellation);
                var file = Path.Combine(dir, $"{Slug(prompt)}-{i}.abc");
                AtomicFile.WriteAllText(file, piece.RawText);
                var sample = evaluator.Evaluate(file, piece.RawText, style);
                var metrics = new Dictionary<string, double>(sample.Metrics, StringComparer.Ordinal) { ["finished"] = piece.Finished ? 1 : 0 };
                slots[w] = sample with { Metrics = metrics, Path = Path.GetFileName(file), Prompt = prompt };
            }) || cancellation.IsCancellationRequested)
            {
                break; // a piece may have been cut off: the cell is not done
            }
            var samples = slots.ToList();
            MetricsTables.Write(Path.Combine(dir, "metrics.csv"), MetricsTables.MetricsCsv(samples, Columns));
            AtomicFile.WriteAllText(Path.Combine(dir, "done"), "");
            log?.Invoke($"{cell.Key}: {samples.Count} pieces");
            results.Add(new AblationCellResult(cell, samples));
        }
        AtomicFile.WriteAllText(Path.Combine(folder, ResultsFile), ResultsCsv(results));
        return results;
    }

    /// <summary>Runs a cell's pieces; false when the run was cancelled before they were all done.</summary>
    private static bool Generate(int count, ParallelOptions parallel, Action<int> piece)
    {
        try
        {
            Parallel.For(0, count, parallel, piece);
            return true;
        }
        catch (OperationCanceledException) when (parallel.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private IReadOnlyList<string> Columns => ["finished", .. evaluator.Columns];

    /// <summary>The seed of one piece: the first 8 bytes of SHA-256("seed|cell|prompt|index").</summary>
    public static ulong SeedFor(ulong seed, string cellKey, string prompt, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}|{cellKey}|{prompt}|{index}")));
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    public static string Slug(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var slug = new string(prompt.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Trim('-');
    }

    private AblationCellResult Load(AblationCell cell, string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        var header = lines[0].Split(',');
        var samples = lines.Skip(1).Select(line => CsvRow(line)).Select(cells => new EvaluatedSample(cells[0], cells[1],
            header.Skip(2).Select((name, j) => (name, value: cells[j + 2].Length == 0 ? double.NaN : double.Parse(cells[j + 2], CultureInfo.InvariantCulture)))
                .ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal))).ToList();
        return new AblationCellResult(cell, samples);
    }

    /// <summary>Splits one CSV row written by <see cref="MetricsTables"/> (quoted cells may hold commas).</summary>
    public static List<string> CsvRow(string line) => DelimitedRow.Split(line, ',');

    private string ResultsCsv(IReadOnlyList<AblationCellResult> results)
    {
        var columns = Columns;
        // The constraint column is there only when the grid has that axis, so a grid without it writes the file as before.
        var withConstraint = results.Any(r => r.Cell.Constraint is not null);
        var text = new StringBuilder("cell,order,top_k,top_p,temperature,prompt,samples,");
        if (withConstraint) text.Append(AblationResults.ConstraintColumn).Append(',');
        text.AppendJoin(',', columns).Append('\n');
        foreach (var result in results)
        {
            foreach (var group in result.Samples.GroupBy(s => s.Prompt))
            {
                var s = result.Cell.Sampling;
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Cell.Key},{AblationCell.OrderName(s.Order)},{s.TopK},{s.TopP:R},{s.Temperature:R},{MetricsTables.Cell(group.Key)},{group.Count()}"));
                if (withConstraint)
                    text.Append(',').Append(result.Cell.Constraint is { } level ? AblationCell.ConstraintName(level) : "");
                foreach (var column in columns)
                {
                    var values = group.Select(g => g.Metrics.GetValueOrDefault(column, double.NaN)).Where(v => !double.IsNaN(v)).ToList();
                    text.Append(',').Append(values.Count == 0 ? "" : MetricsTables.Number(values.Average()));
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}

/// <summary>A cell's evaluated pieces.</summary>
public sealed record AblationCellResult(AblationCell Cell, IReadOnlyList<EvaluatedSample> Samples);
