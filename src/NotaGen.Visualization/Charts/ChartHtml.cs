using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace NotaGen.Visualization.Charts;

/// <summary>
/// Plotly.NET charts as self-contained interactive HTML: plotly.js is inlined (about 3.6 MB per chart) because the
/// workbench's machines reach no CDN, and a saved notebook should still draw offline.
/// </summary>
public static class ChartHtml
{
    public static GenericChart Inlined(this GenericChart chart) =>
        GenericChart.addDisplayOptions(
            DisplayOptions.init(
                DocumentTitle: FSharpOption<string>.None,
                DocumentCharset: FSharpOption<string>.None,
                DocumentDescription: FSharpOption<string>.None,
                DocumentFavicon: FSharpOption<Giraffe.ViewEngine.HtmlElements.XmlNode>.None,
                AdditionalHeadTags: FSharpOption<FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
                ChartDescription: FSharpOption<FSharpList<Giraffe.ViewEngine.HtmlElements.XmlNode>>.None,
                PlotlyJSReference: PlotlyJSReference.Full),
            chart);

    /// <summary>The chart's div and script, for a notebook output or a page section.</summary>
    public static string ToHtml(this GenericChart chart) => GenericChart.toChartHTML(chart.Inlined());

    /// <summary>A whole HTML page with the chart, written atomically.</summary>
    public static void SaveHtml(this GenericChart chart, string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, GenericChart.toEmbeddedHTML(chart.Inlined()));
        File.Move(temp, path, overwrite: true);
    }
}
