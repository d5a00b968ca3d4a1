using System.Globalization;
using System.Numerics;

namespace NotaGen.Music.Time;

/// <summary>
/// An exact fraction for musical time (onsets, durations, meters). Always normalised: the denominator is
/// positive and shares no factor with the numerator, so equal values have equal fields and hash alike.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IFormattable
{
    public static readonly Rational Zero = new(0, 1, normalised: true);
    public static readonly Rational One = new(1, 1, normalised: true);

    public long Numerator { get; }
    private readonly long denominatorMinusOne; // so that default(Rational) is 0/1

    public long Denominator => denominatorMinusOne + 1;

    public Rational(long numerator, long denominator)
    {
        if (denominator == 0)
            throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        if (denominator < 0)
        {
            numerator = checked(-numerator);
            denominator = checked(-denominator);
        }
        var gcd = (long)BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd > 1)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        Numerator = numerator;
        denominatorMinusOne = denominator - 1;
    }

    private Rational(long numerator, long denominator, bool normalised)
    {
        _ = normalised;
        Numerator = numerator;
        denominatorMinusOne = denominator - 1;
    }

    public static Rational FromInteger(long value) => new(value, 1, normalised: true);

    public bool IsZero => Numerator == 0;
    public bool IsPositive => Numerator > 0;
    public bool IsNegative => Numerator < 0;
    public bool IsInteger => Denominator == 1;
    public int Sign => Math.Sign(Numerator);

    public Rational Abs() => Numerator < 0 ? -this : this;
    public Rational Reciprocal() => new(Denominator, Numerator);

    /// <summary>Largest integer not greater than this value.</summary>
    public long Floor() => Numerator >= 0 ? Numerator / Denominator : -((-Numerator + Denominator - 1) / Denominator);

    /// <summary>For display and plotting only; musical arithmetic stays exact.</summary>
    public double ToDouble() => (double)Numerator / Denominator;

    public static Rational operator +(Rational a, Rational b)
    {
        if (a.Denominator == b.Denominator)
            return new Rational(checked(a.Numerator + b.Numerator), a.Denominator);
        var gcd = (long)BigInteger.GreatestCommonDivisor(a.Denominator, b.Denominator);
        var aScale = b.Denominator / gcd;
        return new Rational(
            checked(a.Numerator * aScale + b.Numerator * (a.Denominator / gcd)),
            checked(a.Denominator * aScale));
    }

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator, normalised: true);
    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b)
    {
        // Cross-cancel first so products of many small fractions stay far from overflow.
        var g1 = (long)BigInteger.GreatestCommonDivisor(a.Numerator, b.Denominator);
        var g2 = (long)BigInteger.GreatestCommonDivisor(b.Numerator, a.Denominator);
        g1 = g1 == 0 ? 1 : g1;
        g2 = g2 == 0 ? 1 : g2;
        return new Rational(
            checked((a.Numerator / g1) * (b.Numerator / g2)),
            checked((a.Denominator / g2) * (b.Denominator / g1)));
    }

    public static Rational operator /(Rational a, Rational b)
    {
        if (b.Numerator == 0)
            throw new DivideByZeroException("Division of a duration by zero.");
        return a * b.Reciprocal();
    }

    public static Rational operator *(Rational a, long b) => a * FromInteger(b);
    public static Rational operator /(Rational a, long b) => a / FromInteger(b);

    public static implicit operator Rational(long value) => FromInteger(value);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;
    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is Rational other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(Rational other)
    {
        if (Denominator == other.Denominator)
            return Numerator.CompareTo(other.Numerator);
        return (new BigInteger(Numerator) * other.Denominator).CompareTo(new BigInteger(other.Numerator) * Denominator);
    }

    /// <summary>"3/2", or "2" for integers.</summary>
    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Parses "3", "3/2" or "-1/4".</summary>
    public static Rational Parse(string text)
    {
        if (TryParse(text, out var value))
            return value;
        throw new FormatException($"'{text}' is not a fraction like 3/2.");
    }

    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var slash = text.IndexOf('/');
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        if (slash < 0)
        {
            if (!long.TryParse(text, style, CultureInfo.InvariantCulture, out var whole))
                return false;
            value = FromInteger(whole);
            return true;
        }
        if (!long.TryParse(text.AsSpan(0, slash), style, CultureInfo.InvariantCulture, out var n)
            || !long.TryParse(text.AsSpan(slash + 1), style, CultureInfo.InvariantCulture, out var d)
            || d == 0)
            return false;
        value = new Rational(n, d);
        return true;
    }
}
