using NotaGen.Music.Events;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Scores;

/// <summary>
/// Pitch-class and melodic-interval histograms. Intervals are taken within each voice between successive onsets, from
/// the top note of one onset to the top note of the next (a chord counts as its melody note).
/// </summary>
public static class PitchStatistics
{
    public static IReadOnlyList<string> PitchClassNames { get; } = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    /// <summary>Notes per pitch class, C = 0.</summary>
    public static int[] PitchClassCounts(ScoreEvents events)
    {
        var counts = new int[12];
        foreach (var note in events.Notes)
            counts[((note.Pitch % 12) + 12) % 12]++;
        return counts;
    }

    /// <summary>Counts of melodic intervals in semitones (negative = down), in ascending order of interval.</summary>
    public static IReadOnlyList<(int Semitones, int Count)> IntervalCounts(ScoreEvents events)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (var voice in events.Notes.GroupBy(n => n.Voice))
        {
            var melody = voice.GroupBy(n => n.Onset).OrderBy(g => g.Key).Select(g => g.Max(n => n.Pitch)).ToList();
            for (var i = 1; i < melody.Count; i++)
            {
                var step = melody[i] - melody[i - 1];
                counts[step] = counts.GetValueOrDefault(step) + 1;
            }
        }
        return [.. counts.Select(p => (p.Key, p.Value))];
    }

    public static GenericChart PitchClassChart(ScoreEvents events, string title = "pitch classes") =>
        CSharpChart.Column<int, string, string>(PitchClassCounts(events), Keys: PitchClassNames.ToArray(), Name: "notes")
            .WithXAxisStyle<double, double, string>(TitleText: "pitch class")
            .WithYAxisStyle<double, double, string>(TitleText: "notes")
            .WithTitle(title);

    public static GenericChart IntervalChart(ScoreEvents events, string title = "melodic intervals")
    {
        var counts = IntervalCounts(events);
        return CSharpChart.Column<int, int, string>(counts.Select(c => c.Count), Keys: counts.Select(c => c.Semitones).ToArray(), Name: "intervals")
            .WithXAxisStyle<double, double, string>(TitleText: "interval (semitones, negative = down)")
            .WithYAxisStyle<double, double, string>(TitleText: "count")
            .WithTitle(title);
    }
}
