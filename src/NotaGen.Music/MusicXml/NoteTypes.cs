using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Names an exact duration (in whole notes) as a MusicXML note type with dots, or as a type inside a simple tuplet
/// (<c>time-modification</c>), when it is one.
/// </summary>
internal static class NoteTypes
{
    private static readonly (string Name, Rational Value)[] Types =
    [
        ("long", 4), ("breve", 2), ("whole", 1), ("half", new Rational(1, 2)), ("quarter", new Rational(1, 4)),
        ("eighth", new Rational(1, 8)), ("16th", new Rational(1, 16)), ("32nd", new Rational(1, 32)), ("64th", new Rational(1, 64)),
        ("128th", new Rational(1, 128)), ("256th", new Rational(1, 256)), ("512th", new Rational(1, 512)), ("1024th", new Rational(1, 1024)),
    ];

    private static readonly (int Actual, int Normal)[] Tuplets = [(3, 2), (5, 4), (6, 4), (7, 4), (7, 8), (9, 8), (11, 8), (13, 8), (15, 8), (2, 3), (4, 3)];

    /// <summary>Type name and dots for a plain duration, or null.</summary>
    public static (string Type, int Dots)? Plain(Rational duration)
    {
        for (var dots = 0; dots <= 3; dots++)
        {
            // A dotted value is base × (2 − 1/2^dots).
            var factor = new Rational((1L << (dots + 1)) - 1, 1L << dots);
            var baseValue = duration / factor;
            foreach (var (name, value) in Types)
            {
                if (value == baseValue)
                    return (name, dots);
            }
        }
        return null;
    }

    /// <summary>Type, dots and time modification for a duration that is plain only inside a tuplet, or null.</summary>
    public static (string Type, int Dots, int Actual, int Normal)? InTuplet(Rational duration)
    {
        foreach (var (actual, normal) in Tuplets)
        {
            if (Plain(duration * new Rational(actual, normal)) is { } t)
                return (t.Type, t.Dots, actual, normal);
        }
        return Uncommon(duration);
    }

    /// <summary>
    /// Any other ratio: <c>a/b</c> is a power of two times <c>oddPart(a)/oddPart(b)</c>, so <c>oddPart(b)</c> notes in the
    /// time of <c>oddPart(a)</c> (scaled by a power of two to a ratio between 1 and 2) make it a plain type. Lengths like
    /// 1/17 or 1/81 of a whole note come from nested or irregular tuplets; without the modification a reader rounds
    /// them (xml2abc to 1/64 of its unit length).
    /// </summary>
    private static (string Type, int Dots, int Actual, int Normal)? Uncommon(Rational duration)
    {
        if (!duration.IsPositive)
            return null;
        static long OddPart(long n) => n / (n & -n);
        long actual = OddPart(duration.Denominator), normal = OddPart(duration.Numerator);
        while (actual < normal)
            actual *= 2;
        while (normal * 2 <= actual)
            normal *= 2;
        if (actual == normal || actual > MaxTupletNotes || Plain(duration * new Rational(actual, normal)) is not { } t)
            return null;
        return (t.Type, t.Dots, (int)actual, (int)normal);
    }

    /// <summary>Readers refuse larger counts (ours, like xml2abc, reads up to 1000).</summary>
    private const long MaxTupletNotes = 1000;
}
