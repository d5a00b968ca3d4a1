using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>ABC 2.1's tuplet defaults: (p:q:r with q and r left out.</summary>
internal static class TupletRule
{
    /// <summary>The time factor q/p and the number of notes r it applies to.</summary>
    public static (Rational Factor, int Notes) Resolve(AbcTuplet tuplet, Meter meter)
    {
        var p = tuplet.P;
        var q = tuplet.Q ?? DefaultQ(p, meter);
        var r = tuplet.R ?? p;
        if (p <= 0 || q <= 0)
            return (Rational.One, Math.Max(r, 0)); // degenerate brackets such as (0:0:3 change no time
        return (new Rational(q, p), r);
    }

    /// <summary>q is 3 for 2, 4 and 8; 2 for 3 and 6; for 5, 7 and 9 it is 3 in compound meter, else 2.</summary>
    public static int DefaultQ(int p, Meter meter) => p switch
    {
        2 or 4 or 8 => 3,
        3 or 6 => 2,
        _ => IsCompound(meter) ? 3 : 2,
    };

    private static bool IsCompound(Meter meter) => !meter.IsFree && meter.Numerator % 3 == 0 && meter.Numerator > 3;
}
