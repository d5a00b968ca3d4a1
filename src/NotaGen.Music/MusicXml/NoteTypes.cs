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
        return null;
    }
}
