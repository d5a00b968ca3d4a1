using System.Globalization;
using System.Text;
using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// The length of a bar's music text in units of the tune's <c>L:</c> (what abctoolkit's
/// <c>calculate_bartext_duration</c> returns), or null when the text cannot be measured.
/// </summary>
public delegate Rational? BarDuration(string barText);

/// <summary>
/// NotaGen's <c>rest_unreduce</c> (reference a.4): gives back every declared voice in every bar of rest-reduced
/// interleaved ABC. A voice missing from a line gets a rest as long as the line's most common bar duration — <c>z</c>
/// for the first voice of a staff, <c>x</c> (invisible) for the others — and the right barline of the line's last
/// voice. Voices are written in numeric order, <c>[r:]</c> counters are dropped, the header is kept.
/// Departures from NotaGen, all where it crashes or loses structure: no <c>%%score</c> line is a clear error when
/// several voices are declared and means "one staff" when one is (NotaGen: NameError either way); a line where no bar can be measured before any could is an error; on line 0 a missing
/// voice also gets the left barline (<c>|:</c>) of the voice whose right barline it copies.
/// </summary>
public static class RestUnreducer
{
    /// <summary>Restores the rests, measuring bars with the ABC engine (<see cref="AbcBarText.Duration"/>) in the header's meter.</summary>
    public static string Unreduce(string reducedAbc, string file = "<input>")
    {
        var tune = InterleavedTune.Parse(reducedAbc, file);
        var meterLine = tune.HeaderLines.FirstOrDefault(line => line.StartsWith("M:", StringComparison.Ordinal));
        var meter = meterLine is null ? null : Meter.Parse(meterLine[2..], out var error) is var m && error is null ? m : null;
        // Bars repeat a lot (whole-bar rests, repeated figures): measure each distinct text once.
        var measured = new Dictionary<string, Rational?>(StringComparer.Ordinal);
        return Unreduce(tune, bar => measured.TryGetValue(bar, out var d) ? d : measured[bar] = AbcBarText.Duration(bar, meter), file);
    }

    public static string Unreduce(string reducedAbc, BarDuration barDuration, string file = "<input>") =>
        Unreduce(InterleavedTune.Parse(reducedAbc, file), barDuration, file);

    public static string Unreduce(InterleavedTune tune, BarDuration barDuration, string file = "<input>")
    {
        var groups = VoiceGroups.FromHeader(tune.HeaderLines) ?? throw new MusicFormatException(file, "",
            "no %%score line and several voices: cannot tell which voices show rests (z) and which hide them (x), so rests cannot be restored");
        var declared = tune.DeclaredVoices.OrderBy(NumericKey).ThenBy(id => id, StringComparer.Ordinal).ToList();
        var voices = declared.Concat(tune.BodyVoices.Where(id => !declared.Contains(id))).ToList();

        var output = new StringBuilder();
        foreach (var line in tune.HeaderLines)
            output.Append(VoiceGroupsLine(line)).Append('\n');

        Rational? reference = null;
        for (var i = 0; i < tune.Lines.Count; i++)
        {
            var line = tune.Lines[i];
            var bars = line.Segments.Select(s => (s.Id, Bars: BarSplitter.Split(s.Text))).ToList();
            reference = MostCommonDuration(bars.Select(b => b.Bars), barDuration) ?? reference
                ?? throw new MusicFormatException(file, $"{line.LineNumber}:1", "no bar on this line has a measurable duration, so the missing voices' rests cannot be sized");
            var model = bars[^1].Bars;
            var rightBarline = model.Bars.Count > 0 ? model.Bars[^1].RightBarline : "";
            var leftBarline = i == 0 ? model.LeftBarline : "";

            output.Append(line.Lead);
            foreach (var id in voices)
            {
                output.Append("[V:").Append(id).Append(']');
                var present = line.Find(id);
                if (present is not null)
                    output.Append(present.Text);
                else
                    output.Append(leftBarline).Append(WritableRest(groups.ShowsRests(id) ? 'z' : 'x', reference.Value)).Append(rightBarline);
            }
            output.Append('\n');
        }
        return output.ToString();
    }

    /// <summary>
    /// A rest of <paramref name="length"/> (in units of L) spelled as notes abcm2ps can engrave: the largest plain,
    /// dotted or double-dotted value that fits, then the next (<c>z8</c>, <c>z6</c>, <c>z8 z2</c> for 5/4 in L:1/8, never
    /// <c>z10</c> or <c>z17/2</c>, which abcm2ps rejects as "too much dotted"); nothing for a zero length (never
    /// <c>z0</c>). A length no sum of such values reaches (a tuplet remainder such as 76/9) keeps its single spelling.
    /// </summary>
    public static string WritableRest(char symbol, Rational length)
    {
        if (!length.IsPositive)
            return "";
        var parts = new List<string>();
        var left = length;
        // Values from a double whole note (16 L) down to L/8, each plain, dotted, double-dotted.
        for (var exponent = 4; exponent >= -3 && left.IsPositive && parts.Count < 16; exponent--)
        {
            var basic = exponent >= 0 ? Rational.FromInteger(1L << exponent) : new Rational(1, 1L << -exponent);
            foreach (var value in new[] { basic * new Rational(7, 4), basic * new Rational(3, 2), basic })
            {
                while (value <= left && parts.Count < 16)
                {
                    parts.Add(symbol + Spelling(value));
                    left -= value;
                }
            }
        }
        return left.IsZero ? string.Join(" ", parts) : symbol + length.ToString();
    }

    private static string Spelling(Rational length) =>
        length == Rational.One ? ""
        : length.IsInteger ? length.Numerator.ToString(CultureInfo.InvariantCulture)
        : length.Numerator == 1 ? (length.Denominator == 2 ? "/" : "/" + length.Denominator.ToString(CultureInfo.InvariantCulture))
        : length.Numerator.ToString(CultureInfo.InvariantCulture) + "/" + length.Denominator.ToString(CultureInfo.InvariantCulture);

    // The header's %%score line as Gradio leaves it: unbalanced brackets closed.
    private static string VoiceGroupsLine(string line) =>
        line.StartsWith("%%score", StringComparison.Ordinal) ? VoiceGroups.CloseBrackets(line) : line;

    private static Rational? MostCommonDuration(IEnumerable<VoiceBars> bars, BarDuration barDuration)
    {
        // Ties go to the duration seen first, as Python's max over an insertion-ordered dict does.
        var counts = new List<(Rational Duration, int Count)>();
        foreach (var voice in bars)
        {
            if (voice.Bars.Count == 0)
                continue;
            var text = string.Join(" ", voice.Bars.Select(b => b.Text));
            var duration = barDuration(text);
            if (duration is null)
                continue;
            var at = counts.FindIndex(c => c.Duration == duration.Value);
            if (at < 0)
                counts.Add((duration.Value, 1));
            else
                counts[at] = (duration.Value, counts[at].Count + 1);
        }
        if (counts.Count == 0)
            return null;
        var best = counts[0];
        foreach (var candidate in counts)
            if (candidate.Count > best.Count)
                best = candidate;
        return best.Duration;
    }

    private static long NumericKey(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
}
