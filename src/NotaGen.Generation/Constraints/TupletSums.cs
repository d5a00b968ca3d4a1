namespace NotaGen.Generation.Constraints;

/// <summary>
/// Which written totals k notes of <see cref="NoteLengths.Values"/> can add up to, for the tuplet feasibility test: a
/// tuplet <c>(p:q:r</c> whose written notes total W ticks lasts W·q/p, which must be a whole number of ticks and fit
/// what is left of the bar.
/// </summary>
internal static class TupletSums
{
    public const int MaxNotes = 9;
    private const int MaxTotal = MaxNotes * 112;
    private static readonly bool[][] Reachable = Build();

    /// <summary>True when <paramref name="notes"/> more notes can bring the written total from <paramref name="written"/> to a W with W·q divisible by p and W·q/p ≤ <paramref name="room"/>.</summary>
    public static bool Feasible(int written, int notes, int p, int q, int room)
    {
        if (notes == 0)
            return written * q % p == 0 && written * q / p <= room;
        var reach = Reachable[notes];
        var maxTotal = (room * p / q) - written;
        for (var s = notes; s <= Math.Min(maxTotal, MaxTotal); s++)
        {
            if (reach[s] && (written + s) * q % p == 0)
                return true;
        }
        return false;
    }

    /// <summary>The shortest whole number of ticks <paramref name="notes"/> notes under (p:q) can last (int.MaxValue if none).</summary>
    public static int MinimumDuration(int notes, int p, int q)
    {
        for (var s = notes; s <= MaxTotal; s++)
        {
            if (Reachable[notes][s] && s * q % p == 0)
                return s * q / p;
        }
        return int.MaxValue;
    }

    private static bool[][] Build()
    {
        var table = new bool[MaxNotes + 1][];
        table[0] = new bool[MaxTotal + 1];
        table[0][0] = true;
        for (var k = 1; k <= MaxNotes; k++)
        {
            table[k] = new bool[MaxTotal + 1];
            for (var s = 0; s <= MaxTotal; s++)
            {
                if (!table[k - 1][s])
                    continue;
                foreach (var v in NoteLengths.Values)
                {
                    if (s + v <= MaxTotal)
                        table[k][s + v] = true;
                }
            }
        }
        return table;
    }
}
