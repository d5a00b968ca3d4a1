using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Scores;

/// <summary>
/// Two pieces as bar-aligned piano rolls, one above the other on the same bar axis: a generated piece and the training
/// piece nearest to it, say, so a reader sees which bars look borrowed. Time is measured in bars (bar 1 spans 1 to 2),
/// not quarter notes, so pieces in different meters or tempi still line up bar by bar.
/// </summary>
public static class SideBySide
{
    /// <summary>
    /// One voice's strokes with x in bars: note onset → bar number + offset in the bar / the bar's length, where a bar's
    /// length is its longest voice's (so bar lines are shared by all voices). Notes in bars at or past
    /// <paramref name="bars"/> are left out.
    /// </summary>
    public static IReadOnlyList<PianoRoll.VoiceStrokes> BarAlignedStrokes(AbcTuneSemantics semantics, int? bars = null)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var count = semantics.Voices.Count == 0 ? 0 : semantics.Voices.Max(v => v.Bars.Count);
        var lengths = Enumerable.Range(0, count)
            .Select(i => semantics.Voices.Where(v => v.Bars.Count > i).Select(v => v.Bars[i].Duration).Max())
            .ToList();
        var strokes = new List<PianoRoll.VoiceStrokes>();
        foreach (var voice in semantics.Voices)
        {
            var x = new List<double>();
            var y = new List<double>();
            var notes = 0;
            foreach (var note in voice.Notes.Where(n => n.Bar < voice.Bars.Count && (bars is null || n.Bar < bars)))
            {
                var bar = voice.Bars[note.Bar];
                // A bar of no duration (only a barline) has no width; its notes, if any, sit on its line.
                var length = lengths[note.Bar] > Rational.Zero ? lengths[note.Bar] : Rational.One;
                x.Add(note.Bar + 1 + ((note.Onset - bar.Start) / length).ToDouble());
                x.Add(note.Bar + 1 + ((note.Onset + note.Duration - bar.Start) / length).ToDouble());
                x.Add(double.NaN);
                y.Add(note.Pitch);
                y.Add(note.Pitch);
                y.Add(double.NaN);
                notes++;
            }
            if (notes > 0)
                strokes.Add(new PianoRoll.VoiceStrokes(voice.Id, x, y, notes));
        }
        return strokes;
    }

    /// <summary>
    /// The two rolls stacked, each showing its first <paramref name="bars"/> bars (default: as many as the upper
    /// piece has), with their titles above them.
    /// </summary>
    public static GenericChart Chart(AbcTuneSemantics upper, string upperTitle, AbcTuneSemantics lower, string lowerTitle, int? bars = null)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(lower);
        var shown = bars ?? Math.Max(1, upper.Voices.Count == 0 ? 1 : upper.Voices.Max(v => v.Bars.Count));
        GenericChart Roll(AbcTuneSemantics semantics, string side)
        {
            var traces = BarAlignedStrokes(semantics, shown)
                .Select(s => CSharpChart.Line<double, double, string>(s.X, s.Y, Name: $"{side} V:{s.Voice}", LineWidth: 6))
                .ToList();
            if (traces.Count == 0)
                traces.Add(CSharpChart.Point<double, double, string>(x: [1.0], y: [60.0], Name: $"{side}: no notes"));
            return CSharpChart.Combine(traces)
                .WithXAxisStyle<double, double, string>(TitleText: "bar")
                .WithYAxisStyle<double, double, string>(TitleText: "MIDI pitch");
        }
        return CSharpChart.Grid([Roll(upper, "upper"), Roll(lower, "lower")], 2, 1, SubPlotTitles: new[] { upperTitle, lowerTitle })
            .WithSize(Width: 900, Height: 700)
            .WithTitle($"{upperTitle} | {lowerTitle}, first {shown} bars");
    }
}
