using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;
using NotaGen.Visualization.Charts;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NotaGen.Visualization.Scores;

/// <summary>
/// Bar durations per voice against the meter: in a well-aligned piece every voice's line lies on the meter's line
/// (a pickup and a closing bar may be short). A voice off the line is the alignment error NotaGen's filters reject and
/// a generated piece shows when the model loses count.
/// </summary>
public static class BarDurations
{
    /// <summary>One bar of one voice; durations are exact (whole notes).</summary>
    public sealed record BarRow(string Voice, int Bar, Rational Duration, Rational? Expected)
    {
        public bool Matches => Expected is null || Duration == Expected;
    }

    public static IReadOnlyList<BarRow> Rows(AbcTuneSemantics semantics) =>
        [.. semantics.Voices.SelectMany(v => v.Bars.Select(b => new BarRow(v.Id, b.Index, b.Duration, b.Meter.IsFree ? null : b.Meter.BarLength)))];

    /// <summary>Bars where the voices disagree in length, or a voice differs from the meter, except a first or last bar.</summary>
    public static IReadOnlyList<BarRow> Mismatches(AbcTuneSemantics semantics)
    {
        var rows = Rows(semantics);
        var last = rows.GroupBy(r => r.Voice).ToDictionary(g => g.Key, g => g.Max(r => r.Bar));
        var byBar = rows.GroupBy(r => r.Bar).ToDictionary(g => g.Key, g => g.Select(r => r.Duration).Distinct().Count());
        return [.. rows.Where(r => byBar[r.Bar] > 1 || (!r.Matches && r.Bar != 0 && r.Bar != last[r.Voice]))];
    }

    public static GenericChart Chart(AbcTuneSemantics semantics, string title = "bar durations")
    {
        var rows = Rows(semantics);
        var traces = rows.GroupBy(r => r.Voice).Select(g => CSharpChart.Line<int, double, string>(
            g.Select(r => r.Bar + 1), g.Select(r => (r.Duration * 4).ToDouble()), Name: $"V:{g.Key}", ShowMarkers: true)).ToList();
        var meter = rows.Where(r => r.Expected is not null).GroupBy(r => r.Bar).OrderBy(g => g.Key).Select(g => g.First()).ToList();
        if (meter.Count > 0)
        {
            traces.Add(CSharpChart.Line<int, double, string>(meter.Select(r => r.Bar + 1), meter.Select(r => (r.Expected!.Value * 4).ToDouble()),
                Name: "meter", LineDash: StyleParam.DrawingStyle.Dash));
        }
        var bad = Mismatches(semantics);
        if (bad.Count > 0)
        {
            traces.Add(CSharpChart.Point<int, double, string>(bad.Select(r => r.Bar + 1), bad.Select(r => (r.Duration * 4).ToDouble()),
                Name: "misaligned", MarkerColor: Color.fromString("red"), MultiText: bad.Select(r => $"V:{r.Voice} bar {r.Bar + 1}: {r.Duration}").ToArray()));
        }
        return CSharpChart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: "bar")
            .WithYAxisStyle<double, double, string>(TitleText: "duration (quarter notes)")
            .WithSize(Width: 900, Height: 400)
            .WithTitle(title);
    }
}
