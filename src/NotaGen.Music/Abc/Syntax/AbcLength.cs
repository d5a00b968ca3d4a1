using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Syntax;

/// <summary>A written length multiplier in units of L: (empty) = 1, <c>2</c>, <c>/2</c>, <c>/</c>, <c>//</c>, <c>3/2</c>, <c>3/</c>.</summary>
public readonly record struct AbcLength(Rational Multiplier)
{
    public static readonly AbcLength One = new(Rational.One);

    /// <summary>Canonical spelling: "" for 1, "3" for 3, "/" for 1/2, "/4" for 1/4, "3/2" for 3/2.</summary>
    public override string ToString()
    {
        var n = Multiplier.Numerator;
        var d = Multiplier.Denominator;
        if (d == 1)
            return n == 1 ? "" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var numerator = n == 1 ? "" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return d == 2 ? numerator + "/" : $"{numerator}/{d.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
