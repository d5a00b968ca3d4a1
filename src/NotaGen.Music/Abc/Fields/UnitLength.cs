using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Fields;

/// <summary>Parses an L: value (<c>1/8</c>, <c>1/16</c>, <c>1</c>): the length, in whole notes, of a note without a length.</summary>
public static class UnitLength
{
    public static Rational Parse(string value, out string? error)
    {
        error = null;
        if (Rational.TryParse(value.Trim(), out var length) && length.IsPositive && length.Denominator <= 1024 && length.Numerator <= 64)
            return length;
        error = $"unit length '{value.Trim()}' is not a fraction like 1/8";
        return new Rational(1, 8);
    }

    /// <summary>ABC 2.1's default when there is no L: field: 1/16 if the meter is below 3/4, else 1/8.</summary>
    public static Rational DefaultFor(Meter meter) =>
        !meter.IsFree && meter.BarLength < new Rational(3, 4) ? new Rational(1, 16) : new Rational(1, 8);
}
