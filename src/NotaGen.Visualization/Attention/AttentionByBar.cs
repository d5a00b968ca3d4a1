namespace NotaGen.Visualization.Attention;

/// <summary>
/// A patch-level map summed up by bar, to line attention up with the engraved bars: rows are the bars that attend
/// (their patches' rows averaged), columns the bars attended to (their patches' weights added), so each row still sums
/// to 1. Patches before the first bar form the group "header"; BOS and EOS keep their own groups.
/// </summary>
public static class AttentionByBar
{
    public sealed record BarMatrix(IReadOnlyList<string> Groups, double[][] Weights);

    public static BarMatrix Aggregate(double[][] map, IReadOnlyList<PatchAxis.PatchLabel> labels)
    {
        if (map.Length != labels.Count)
            throw new ArgumentException($"the map has {map.Length} rows but there are {labels.Count} patch labels");
        var groupOf = labels.Select(GroupName).ToList();
        var groups = groupOf.Distinct().ToList();
        var index = groups.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i);
        var weights = groups.Select(_ => new double[groups.Count]).ToArray();
        var rows = new int[groups.Count];
        for (var q = 0; q < map.Length; q++)
        {
            var row = index[groupOf[q]];
            rows[row]++;
            for (var k = 0; k < map[q].Length; k++)
                weights[row][index[groupOf[k]]] += map[q][k];
        }
        for (var g = 0; g < groups.Count; g++)
            for (var k = 0; k < groups.Count; k++)
                weights[g][k] /= Math.Max(1, rows[g]);
        return new BarMatrix(groups, weights);
    }

    private static string GroupName(PatchAxis.PatchLabel label) => label.Label.EndsWith(" BOS", StringComparison.Ordinal) ? "BOS"
        : label.Label.EndsWith(" EOS", StringComparison.Ordinal) ? "EOS"
        : label.Bar is { } bar ? $"bar {bar}"
        : "header";
}
