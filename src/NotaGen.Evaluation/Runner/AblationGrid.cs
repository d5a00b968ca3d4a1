using System.Globalization;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Sampling;

namespace NotaGen.Evaluation.Runner;

/// <summary>
/// One cell of a sampling ablation: the sampling options, the decoding constraint when the grid has that axis (null:
/// the axis is absent and pieces are decoded with <see cref="GenerationOptions"/>' default, as before the axis existed),
/// and a key that names its folder.
/// </summary>
public sealed record AblationCell(SamplingOptions Sampling, ConstraintLevel? Constraint = null)
{
    /// <summary>
    /// e.g. <c>k9-p0.9-t1.2-notagen</c>: stable and file-name safe. Pieces' seeds derive from it, so the constraint
    /// values of one sampling cell draw the same seeds: a paired comparison of the masks.
    /// </summary>
    public string SamplingKey => string.Create(CultureInfo.InvariantCulture,
        $"k{Sampling.TopK}-p{Sampling.TopP:R}-t{Sampling.Temperature:R}-{OrderName(Sampling.Order)}");

    /// <summary>The folder name: the sampling key, then <c>-none</c>, <c>-syntax</c> or <c>-structure</c> with a constraint axis.</summary>
    public string Key => Constraint is { } level ? $"{SamplingKey}-{ConstraintName(level)}" : SamplingKey;

    public static string OrderName(SamplingOrder order) => order == SamplingOrder.NotaGen ? "notagen" : "temperature-first";

    public static string ConstraintName(ConstraintLevel level) => level.ToString().ToLowerInvariant();
}

/// <summary>
/// A grid such as <c>top_k=5,9;top_p=0.9,0.95;temperature=0.8,1.2;order=notagen,temperature-first;constraint=none,structure</c>:
/// the cells are every combination. Sampling axes left out take NotaGen's defaults (top_k 9, top_p 0.9, temperature 1.2,
/// NotaGen's order); without a constraint axis the cells have no constraint of their own (keys, seeds and results.csv
/// columns as before the axis existed).
/// </summary>
public static class AblationGrid
{
    public static IReadOnlyList<AblationCell> Parse(string grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var defaults = SamplingOptions.NotaGenDefaults;
        var topK = new List<int> { defaults.TopK };
        var topP = new List<double> { defaults.TopP };
        var temperature = new List<double> { defaults.Temperature };
        var order = new List<SamplingOrder> { defaults.Order };
        var constraint = new List<ConstraintLevel?> { null };
        foreach (var part in grid.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1) throw new ArgumentException($"grid: '{part}' is not axis=value,value,... (axes: {Axes})");
            var axis = part[..equals].Trim();
            var values = part[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0) throw new ArgumentException($"grid: axis '{axis}' has no values");
            switch (axis)
            {
                case "top_k": topK = values.Select(v => ParseInt(axis, v)).ToList(); break;
                case "top_p": topP = values.Select(v => ParseDouble(axis, v)).ToList(); break;
                case "temperature": temperature = values.Select(v => ParseDouble(axis, v)).ToList(); break;
                case "order": order = values.Select(ParseOrder).ToList(); break;
                case "constraint": constraint = values.Select(v => (ConstraintLevel?)ParseConstraint(v)).Distinct().ToList(); break;
                default: throw new ArgumentException($"grid: unknown axis '{axis}' (axes: {Axes})");
            }
        }
        var cells = (from o in order
                     from k in topK
                     from p in topP
                     from t in temperature
                     from c in constraint
                     select new AblationCell(new SamplingOptions(k, p, t, o), c)).ToList();
        foreach (var cell in cells) cell.Sampling.Validate();
        return cells;
    }

    private static int ParseInt(string axis, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"grid: {axis} value '{value}' is not an integer");

    private static double ParseDouble(string axis, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"grid: {axis} value '{value}' is not a number");

    private const string Axes = "top_k, top_p, temperature, order, constraint";

    private static ConstraintLevel ParseConstraint(string value) => value switch
    {
        "none" => ConstraintLevel.None,
        "syntax" => ConstraintLevel.Syntax,
        "structure" => ConstraintLevel.Structure,
        _ => throw new ArgumentException($"grid: constraint '{value}' is not none, syntax or structure"),
    };

    private static SamplingOrder ParseOrder(string value) => value switch
    {
        "notagen" => SamplingOrder.NotaGen,
        "temperature-first" or "logits-first" => SamplingOrder.TemperatureFirst,
        _ => throw new ArgumentException($"grid: order '{value}' is not notagen or temperature-first"),
    };
}
