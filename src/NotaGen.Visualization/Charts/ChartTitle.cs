using Microsoft.FSharp.Core;
using Plotly.NET;

namespace NotaGen.Visualization.Charts;

/// <summary>A chart title from C#: Plotly.NET's <c>Chart.withTitle</c> is a curried F# function.</summary>
public static class ChartTitle
{
    public static GenericChart WithTitle(this GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);
}
