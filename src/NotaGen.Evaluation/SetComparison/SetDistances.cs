namespace NotaGen.Evaluation.SetComparison;

/// <summary>One feature's comparison of a generated set A with a reference set B.</summary>
/// <param name="Feature">Feature name (PC, PCH, ...).</param>
/// <param name="MeanA">Mean of the feature's first component over A (the absolute metric; scalars only make sense here).</param>
/// <param name="SdA">Its standard deviation over A.</param>
/// <param name="IntraMean">Mean intra-set distance within A.</param>
/// <param name="InterMean">Mean inter-set distance A–B.</param>
/// <param name="OverlapArea">∫ min(p_A, p_AB) over the union of both distance ranges (1 = indistinguishable); NaN when a KDE cannot be fitted.</param>
/// <param name="KlDivergence">KL(p_A ‖ p_AB) in nats; NaN when a KDE cannot be fitted.</param>
public sealed record FeatureComparison(string Feature, double MeanA, double SdA, double IntraMean, double InterMean, double OverlapArea, double KlDivergence);

/// <summary>
/// Yang &amp; Lerch 2020's relative metrics. Intra-set distances D_A = {‖f(a_i) − f(a_j)‖₂ : i &lt; j} (each unordered
/// pair once: mgeval's exhaustive cross-validation visits each twice, which leaves the distribution unchanged);
/// inter-set distances D_AB = {‖f(a_i) − f(b_j)‖₂}. Both are smoothed by <see cref="GaussianKde"/>. The overlapped
/// area is integrated with the trapezoid rule on <see cref="GridPoints"/> points over [min(D_A ∪ D_AB), max(D_A ∪ D_AB)]
/// (mgeval: scipy quad over the same range). The KL divergence evaluates BOTH densities on that one common grid:
/// mgeval evaluates each KDE on its own linspace, which compares densities at different points; that quirk is fixed
/// here on purpose. As scipy's <c>entropy</c>, the grid values are normalised to sum 1 and a tiny floor (1e-12) keeps
/// log finite where p_AB vanishes.
/// </summary>
public static class SetDistances
{
    public const int GridPoints = 1000;

    public static IReadOnlyList<FeatureComparison> Compare(
        IReadOnlyList<IReadOnlyDictionary<string, double[]>> a,
        IReadOnlyList<IReadOnlyDictionary<string, double[]>> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var names = a.Count == 0 ? [] : a[0].Keys.ToList();
        return names.Select(name => Compare(name, a.Select(f => f[name]).ToList(), b.Select(f => f[name]).ToList())).ToList();
    }

    public static FeatureComparison Compare(string feature, IReadOnlyList<double[]> a, IReadOnlyList<double[]> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var intra = IntraDistances(a);
        var inter = InterDistances(a, b);
        var firsts = a.Select(v => v[0]).ToList();
        var mean = firsts.Count == 0 ? double.NaN : firsts.Average();
        var sd = firsts.Count < 2 ? double.NaN : Math.Sqrt(firsts.Sum(x => (x - mean) * (x - mean)) / (firsts.Count - 1));
        return new FeatureComparison(feature, mean, sd,
            intra.Count == 0 ? double.NaN : intra.Average(),
            inter.Count == 0 ? double.NaN : inter.Average(),
            OverlapArea(intra, inter), KlDivergence(intra, inter));
    }

    public static List<double> IntraDistances(IReadOnlyList<double[]> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var distances = new List<double>();
        for (var i = 0; i < set.Count; i++)
            for (var j = i + 1; j < set.Count; j++)
                distances.Add(Distance(set[i], set[j]));
        return distances;
    }

    public static List<double> InterDistances(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.SelectMany(x => b.Select(y => Distance(x, y))).ToList();
    }

    public static double Distance(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++) sum += (x[i] - y[i]) * (x[i] - y[i]);
        return Math.Sqrt(sum);
    }

    public static double OverlapArea(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var grid = Grid(p, q, out var kdeP, out var kdeQ);
        if (grid is null) return double.NaN;
        var step = grid.Length > 1 ? grid[1] - grid[0] : 0;
        var area = 0.0;
        for (var i = 0; i + 1 < grid.Length; i++)
        {
            var left = Math.Min(kdeP!.Density(grid[i]), kdeQ!.Density(grid[i]));
            var right = Math.Min(kdeP.Density(grid[i + 1]), kdeQ.Density(grid[i + 1]));
            area += (left + right) / 2 * step;
        }
        return area;
    }

    public static double KlDivergence(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var grid = Grid(p, q, out var kdeP, out var kdeQ);
        if (grid is null) return double.NaN;
        var pv = grid.Select(kdeP!.Density).ToArray();
        var qv = grid.Select(kdeQ!.Density).ToArray();
        double sp = pv.Sum(), sq = qv.Sum();
        var kl = 0.0;
        for (var i = 0; i < grid.Length; i++)
        {
            var pi = pv[i] / sp;
            var qi = Math.Max(qv[i] / sq, 1e-12);
            if (pi > 0) kl += pi * Math.Log(pi / qi);
        }
        return kl;
    }

    private static double[]? Grid(IReadOnlyList<double> p, IReadOnlyList<double> q, out GaussianKde? kdeP, out GaussianKde? kdeQ)
    {
        kdeP = GaussianKde.Fit(p);
        kdeQ = GaussianKde.Fit(q);
        if (kdeP is null || kdeQ is null) return null;
        var low = Math.Min(p.Min(), q.Min());
        var high = Math.Max(p.Max(), q.Max());
        return Enumerable.Range(0, GridPoints).Select(i => low + (high - low) * i / (GridPoints - 1)).ToArray();
    }
}
