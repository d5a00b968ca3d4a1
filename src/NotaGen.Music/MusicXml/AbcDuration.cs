using System.Globalization;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Writes a MusicXML duration as an ABC length multiplier for unit length 1/<c>unit</c>, the way the reference
/// converter does: exact when the denominator stays within 64, otherwise rounded to 1/64 steps.
/// </summary>
internal static class AbcDuration
{
    public static string Format(NoteItem note, long divisionsPerQuarter, int unit)
    {
        if (note.Duration == 0)
            return "";
        var (num, den) = Simplify(checked(unit * note.Duration), checked(divisionsPerQuarter * 4));
        if (note.Factor is { } f)
            (num, den) = Simplify(checked(num * f.Actual), checked(den * f.Normal));
        if (den > 64)
        {
            // Float rounding on purpose: it reproduces the reference's text (and its sounding lengths) for odd divisions.
            var x = (double)num / den;
            var n = Math.Floor(x);
            if (x - n < 0.1 * x)
                (num, den) = ((long)n, 1);
            var num64 = 64.0 * num / den + 1.0e-15;
            (num, den) = Simplify((long)Math.Round(num64, MidpointRounding.ToEven), 64);
        }
        if (num == 1)
            return den switch { 1 => "", 2 => "/", _ => "/" + den.ToString(CultureInfo.InvariantCulture) };
        if (den == 1)
            return num.ToString(CultureInfo.InvariantCulture);
        return $"{num.ToString(CultureInfo.InvariantCulture)}/{den.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Divides both by their gcd with Python's modulo and floor division, so that the odd negative durations some
    /// editors write come out as the reference writes them.
    /// </summary>
    public static (long, long) Simplify(long a, long b)
    {
        long x = a, y = b;
        while (y != 0)
            (x, y) = (y, FloorMod(x, y));
        if (x == 0)
            return (a, b);
        return (FloorDiv(a, x), FloorDiv(b, x));
    }

    private static long FloorMod(long a, long b)
    {
        var r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }
}
