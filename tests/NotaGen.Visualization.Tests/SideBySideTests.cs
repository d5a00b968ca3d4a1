using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Visualization.Scores;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class SideBySideTests
{
    private static AbcTuneSemantics Semantics(string abc) => AbcInterpreter.Interpret(AbcParser.Parse(abc, "t.abc").ThrowIfErrors().Tunes[0]);

    [Fact]
    public void Strokes_are_placed_in_bars_so_different_meters_line_up()
    {
        // 2/4: C (quarter) at bar 1 start, E at its middle; 3/4: G (half) then c (quarter).
        var duple = SideBySide.BarAlignedStrokes(Semantics("X:1\nL:1/4\nM:2/4\nK:C\nC E | G2 |\n"));
        var triple = SideBySide.BarAlignedStrokes(Semantics("X:1\nL:1/4\nM:3/4\nK:C\nG2 c | e3 |\n"));
        Assert.Equal([1.0, 1.5, double.NaN, 1.5, 2.0, double.NaN, 2.0, 3.0, double.NaN], duple.Single().X);
        Assert.Equal(60, duple.Single().Y[0]);
        Assert.Equal(2.0 / 3, triple.Single().X[1] - 1, 9);   // a half note is two thirds of a 3/4 bar
        Assert.Equal([2.0, 3.0], triple.Single().X.Skip(6).Take(2));
    }

    [Fact]
    public void Voices_share_bar_lines_and_bars_past_the_limit_are_left_out()
    {
        // Voice 2's second bar is short (a quarter in 2/4): its notes are measured against the longest voice's bar.
        var strokes = SideBySide.BarAlignedStrokes(Semantics("X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC E | G2 | c2 |\nV:2\nC,2 | E, | G,2 |\n"), bars: 2);
        Assert.Equal(["1", "2"], strokes.Select(s => s.Voice));
        Assert.Equal(3, strokes[0].Notes);
        Assert.Equal(2, strokes[1].Notes);
        Assert.Equal([2.0, 2.5], strokes[1].X.Skip(3).Take(2));
    }

    [Fact]
    public void The_chart_titles_both_pieces()
    {
        var chart = SideBySide.Chart(Semantics("X:1\nL:1/4\nM:2/4\nK:C\nC E | G2 |\n"), "generated #1", Semantics("X:1\nL:1/4\nM:2/4\nK:C\nC D | E2 |\n"), "nearest: song 7");
        var html = Plotly.NET.GenericChart.toChartHTML(chart);
        Assert.Contains("generated #1", html, StringComparison.Ordinal);
        Assert.Contains("nearest: song 7", html, StringComparison.Ordinal);
    }
}
