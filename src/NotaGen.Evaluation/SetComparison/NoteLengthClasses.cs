using NotaGen.Music.Time;

namespace NotaGen.Evaluation.SetComparison;

/// <summary>
/// Yang &amp; Lerch's 12 note-length classes, in units of 1/96 of a whole note (their "bar/96" for 4/4): whole, half,
/// quarter, 8th, 16th; dotted half, quarter, 8th, 16th; half, quarter and 8th triplets. A note goes to the nearest class
/// (the first of two equally near ones).
/// </summary>
public static class NoteLengthClasses
{
    public static readonly int[] Units = [96, 48, 24, 12, 6, 72, 36, 18, 9, 32, 16, 8];

    public static int Classify(Rational duration)
    {
        var units = duration * 96;
        var best = 0;
        var bestDistance = (units - Units[0]).Abs();
        for (var i = 1; i < Units.Length; i++)
        {
            var distance = (units - Units[i]).Abs();
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }
}
