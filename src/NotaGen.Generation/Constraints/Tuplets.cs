namespace NotaGen.Generation.Constraints;

/// <summary>
/// The tuplets the constraint accepts: <c>(p</c> for p in 2, 3, 4, 6 (ABC's default q: 3, 2, 3, 2; 5, 7, 9 have a
/// meter-dependent q, and abc2midi times a default <c>(8</c> differently, so they need the explicit form; no ties inside) and <c>(p:q</c> / <c>(p:q:r</c> with digits 2–9. With structure on,
/// a tuplet may start only when its r notes can total W with W·q/p a whole number of ticks that fits the room left;
/// the smallest such room per (p, q, r) is computed once.
/// </summary>
internal static class Tuplets
{
    private static readonly int[,,] MinimumRoom = Build();

    public static int? DefaultQ(int p) => p switch { 2 => 3, 3 => 2, 4 => 3, 6 => 2, _ => null };

    /// <summary>A tuplet (p:q:r) fits the room: ticks left (structure) or timed elements left (syntax).</summary>
    public static bool Fits(int p, int q, int r, int room, bool structure) =>
        structure ? room >= MinimumRoom[p, q, r] : r <= room;

    public static bool AnyWithQ(int p, int q, int room, bool structure)
    {
        for (var r = 2; r <= 9; r++)
        {
            if (Fits(p, q, r, room, structure))
                return true;
        }
        return false;
    }

    public static bool AnyExplicit(int p, int room, bool structure)
    {
        for (var q = 2; q <= 9; q++)
        {
            if (AnyWithQ(p, q, room, structure))
                return true;
        }
        return false;
    }

    public static bool AnyStart(int p, int room, bool structure) =>
        (DefaultQ(p) is { } q && Fits(p, q, p, room, structure)) || AnyExplicit(p, room, structure);

    private static int[,,] Build()
    {
        var table = new int[10, 10, 10];
        for (var p = 2; p <= 9; p++)
        {
            for (var q = 2; q <= 9; q++)
            {
                for (var r = 2; r <= 9; r++)
                {
                    table[p, q, r] = TupletSums.MinimumDuration(r, p, q);
                }
            }
        }
        return table;
    }
}
