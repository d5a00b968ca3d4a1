using System.Globalization;
using NotaGen.Generation.Sampling;

namespace NotaGen.Evaluation.Runner;

/// <summary>One cell of a sampling ablation: the sampling options, and a key that names its folder.</summary>
public sealed record AblationCell(SamplingOptions Sampling)
{
    /// <summary>e.g. <c>k9-p0.9-t1.2-notagen</c>: stable, file-name safe, and the seed of the cell is derived from it.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"k{Sampling.TopK}-p{Sampling.TopP:R}-t{Sampling.Temperature:R}-{OrderName(Sampling.Order)}");

    public static string OrderName(SamplingOrder order) => order == SamplingOrder.NotaGen ? "notagen" : "temperature-first";
}

/// <summary>
/// A grid such as <c>top_k=5,9;top_p=0.9,0.95;temperature=0.8,1.2;order=notagen,temperature-first</c>: the cells
/// are every combination. Axes left out take NotaGen's defaults (top_k 9, top_p 0.9, temperature 1.2, NotaGen's order).
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
        foreach (var part in grid.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1) throw new ArgumentException($"grid: '{part}' is not axis=value,value,... (axes: top_k, top_p, temperature, order)");
            var axis = part[..equals].Trim();
            var values = part[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0) throw new ArgumentException($"grid: axis '{axis}' has no values");
            switch (axis)
            {
                case "top_k": topK = values.Select(v => ParseInt(axis, v)).ToList(); break;
                case "top_p": topP = values.Select(v => ParseDouble(axis, v)).ToList(); break;
                case "temperature": temperature = values.Select(v => ParseDouble(axis, v)).ToList(); break;
                case "order": order = values.Select(ParseOrder).ToList(); break;
                default: throw new ArgumentException($"grid: unknown axis '{axis}' (axes: top_k, top_p, temperature, order)");
            }
        }
        var cells = (from o in order
                     from k in topK
                     from p in topP
                     from t in temperature
                     select new AblationCell(new SamplingOptions(k, p, t, o))).ToList();
        foreach (var cell in cells) cell.Sampling.Validate();
        return cells;
    }

    private static int ParseInt(string axis, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"grid: {axis} value '{value}' is not an integer");

    private static double ParseDouble(string axis, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"grid: {axis} value '{value}' is not a number");

    private static SamplingOrder ParseOrder(string value) => value switch
    {
        "notagen" => SamplingOrder.NotaGen,
        "temperature-first" or "logits-first" => SamplingOrder.TemperatureFirst,
        _ => throw new ArgumentException($"grid: order '{value}' is not notagen or temperature-first"),
    };
}
