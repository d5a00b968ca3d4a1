using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// The duration of a fragment of music text in units of L, like abctoolkit's <c>calculate_bartext_duration</c>
/// (which NotaGen's rest_unreduce uses to fill missing voices): <c>"A2 B/ c/ (3def"</c> → 4.
/// </summary>
public static class AbcBarText
{
    /// <param name="barText">Music without a line break, e.g. one voice's bar from an interleaved line.</param>
    /// <param name="meter">Needed only for tuplets (5 (7 (9 whose default depends on the meter; 4/4 if null.</param>
    /// <returns>The duration in units of L, or null when the text has errors.</returns>
    public static Rational? Duration(string barText, Meter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(barText);
        if (barText.Contains('\n', StringComparison.Ordinal) || barText.Contains('\r', StringComparison.Ordinal))
            return null;
        var m = meter ?? Meter.CommonTime;
        // L:1 makes every time come out in units of L; the bar line text is harmless (it closes a bar).
        var document = AbcParser.Parse($"M:{m.Numerator}/{m.Denominator}\nL:1\nK:C\n{barText}\n");
        if (document.HasErrors || document.Tunes.Count != 1)
            return null;
        var semantics = AbcInterpreter.Interpret(document.Tunes[0]);
        var total = Rational.Zero;
        foreach (var voice in semantics.Voices)
            total = Rational.Max(total, voice.End);
        return total;
    }
}
