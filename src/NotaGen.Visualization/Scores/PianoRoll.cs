using NotaGen.Music.Events;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Scores;

/// <summary>
/// A piano roll: time in quarter notes across, MIDI pitch up, one horizontal stroke per note, one colour per voice.
/// Each voice is one trace whose strokes are separated by gaps, so a long piece stays a handful of traces.
/// </summary>
public static class PianoRoll
{
    /// <summary>One voice's strokes: x pairs (onset, end) in quarter notes with a NaN gap between notes, y the pitch.</summary>
    public sealed record VoiceStrokes(string Voice, IReadOnlyList<double> X, IReadOnlyList<double> Y, int Notes);

    public static IReadOnlyList<VoiceStrokes> Strokes(ScoreEvents events)
    {
        var order = events.Voices.Select((v, i) => (v.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return events.Notes.GroupBy(n => n.Voice)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var x = new List<double>();
                var y = new List<double>();
                foreach (var note in g)
                {
                    // Whole notes → quarter notes (exact rationals until this last step).
                    x.Add((note.Onset * 4).ToDouble());
                    x.Add(((note.Onset + note.Duration) * 4).ToDouble());
                    x.Add(double.NaN);
                    y.Add(note.Pitch);
                    y.Add(note.Pitch);
                    y.Add(double.NaN);
                }
                return new VoiceStrokes(g.Key, x, y, g.Count());
            })
            .ToList();
    }

    public static GenericChart Chart(ScoreEvents events, string title = "piano roll")
    {
        var strokes = Strokes(events);
        var names = events.Voices.ToDictionary(v => v.Id, v => v.Name);
        var traces = strokes.Select(s => CSharpChart.Line<double, double, string>(s.X, s.Y,
            Name: names.GetValueOrDefault(s.Voice) is { } name ? $"V:{s.Voice} {name}" : $"V:{s.Voice}",
            LineWidth: 6));
        return CSharpChart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: "time (quarter notes)")
            .WithYAxisStyle<double, double, string>(TitleText: "MIDI pitch (60 = middle C)")
            .WithSize(Width: 900, Height: 450)
            .WithTitle(title);
    }
}
