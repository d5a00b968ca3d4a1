using System.Globalization;
using System.Text;
using NotaGen.Modeling;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.IO;
using NotaGen.Training.Logging;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// One model of a conditioning ablation. <paramref name="Name"/> names its folder (usually the model folder's name);
/// <paramref name="Load"/> opens it only when its turn comes, so models are held one at a time;
/// <paramref name="ValidationLoss"/> is the training run's best validation loss, when known.
/// </summary>
public sealed record ConditionedModel(string Name, Func<NotaGenModel> Load, double? ValidationLoss = null);

/// <summary>
/// The same sampling ablation over several models, e.g. one per style-conditioning mechanism: each model runs the
/// <see cref="AblationRunner"/> into <c>models/NAME/</c> (resumable as ever), and <c>results.csv</c> holds every model's
/// rows with three leading columns: <c>model</c>, <c>conditioning</c> (its mechanisms, e.g.
/// <c>embeddings+attention_bias</c>) and <c>validation_loss</c>. Every model gets the same piece seeds (a piece's seed
/// depends on the cell, prompt and index, not on the model), so the comparison is paired.
/// </summary>
public sealed class ConditioningAblationRunner(SampleEvaluator evaluator, Action<string>? log = null)
{
    public const string ModelsFolder = "models";

    /// <summary>Pieces generated at once within a cell (see <see cref="AblationRunner.Jobs"/>).</summary>
    public int Jobs { get; init; } = 1;

    public IReadOnlyList<(ConditionedModel Model, string Conditioning, IReadOnlyList<AblationCellResult> Cells)> Run(
        IReadOnlyList<ConditionedModel> models, IReadOnlyList<AblationCell> cells, AblationPlan plan, string folder, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0) throw new ArgumentException("a conditioning ablation needs at least one model");
        foreach (var model in models)
            if (model.Name.Length == 0 || model.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || model.Name.StartsWith('.'))
                throw new ArgumentException($"model name '{model.Name}' must be letters, digits, '-', '_' or '.' (it names a folder)");
        if (models.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"two models are named '{twice.Key}'; give each model a distinct folder name");

        var results = new List<(ConditionedModel, string, IReadOnlyList<AblationCellResult>)>();
        var table = new StringBuilder();
        foreach (var entry in models)
        {
            // Cancelled: the models run so far (the last one up to the cell in hand) make the table.
            if (cancellation.IsCancellationRequested)
                break;
            var dir = Path.Combine(folder, ModelsFolder, entry.Name);
            Directory.CreateDirectory(dir);
            using var model = entry.Load();
            var conditioning = Describe(model.Config.Style);
            log?.Invoke($"{entry.Name} ({conditioning})");
            var cellResults = new AblationRunner(model, evaluator, line => log?.Invoke($"{entry.Name}/{line}")) { Jobs = Jobs }.Run(cells, plan, dir, cancellation);
            results.Add((entry, conditioning, cellResults));

            var lines = File.ReadAllLines(Path.Combine(dir, AblationRunner.ResultsFile));
            if (table.Length == 0) table.Append("model,conditioning,validation_loss,").Append(lines[0]).Append('\n');
            var loss = entry.ValidationLoss is { } l ? MetricsTables.Number(l) : "";
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
                table.Append(CultureInfo.InvariantCulture, $"{MetricsTables.Cell(entry.Name)},{conditioning},{loss},{line}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(folder, AblationRunner.ResultsFile), table.ToString());
        return results;
    }

    /// <summary>The mechanisms that are on, joined by '+' (<c>prompt_lines+embeddings</c>), or <c>none</c>.</summary>
    public static string Describe(StyleConditioning style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var on = new List<string>();
        if (style.PromptLines) on.Add("prompt_lines");
        if (style.Embeddings) on.Add("embeddings");
        if (style.Adapters) on.Add("adapters");
        if (style.AttentionBias) on.Add("attention_bias");
        return on.Count == 0 ? "none" : string.Join('+', on);
    }

    /// <summary>
    /// The lowest validation loss of a training log (<c>log.jsonl</c>, which <c>notagen model export</c> copies into the
    /// model folder): the loss of best.ckpt. Null when the file is missing or holds no evaluation.
    /// </summary>
    public static double? BestValidationLoss(string logPath)
    {
        if (!File.Exists(logPath)) return null;
        var losses = JsonLinesTrainingLog.Read(logPath).Where(e => e.Kind == "eval").Select(e => e.EvaluationLoss).OfType<double>().ToList();
        return losses.Count == 0 ? null : losses.Min();
    }
}
