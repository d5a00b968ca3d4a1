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
                    output.Append(leftBarline).Append(groups.ShowsRests(id) ? 'z' : 'x')
                        .Append(reference.Value.ToString()).Append(rightBarline);
            }
            output.Append('\n');
        }
        return output.ToString();
    }

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
