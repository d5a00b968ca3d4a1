using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using NotaGen.Music.IO;
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

    /// <summary>The chart's div and script with plotly.js before it, for a notebook output or a page section.</summary>
    public static string ToHtml(this GenericChart chart) => PlotlyScript.Value + GenericChart.toChartHTML(chart.Inlined());

    /// <summary>
    /// plotly.js as a script element, taken from the page Plotly.NET builds with the library inlined (its chart
    /// fragment leaves the library out). Run with define/exports/module hidden so that a front end that has
    /// RequireJS (classic Jupyter) still gets the global Plotly the chart script calls.
    /// </summary>
    private static readonly Lazy<string> PlotlyScript = new(() =>
    {
        var page = GenericChart.toEmbeddedHTML(Plotly.NET.CSharp.Chart.Point<int, int, string>(x: [0], y: [0]).Inlined());
        const string open = "<script type=\"text/javascript\" charset=\"utf-8\">";
        var start = page.IndexOf(open, StringComparison.Ordinal);
        var end = start < 0 ? -1 : page.IndexOf("</script>", start, StringComparison.Ordinal);
        if (end < 0)
            throw new InvalidOperationException("Plotly.NET's page no longer inlines plotly.js where expected");
        var library = page[(start + open.Length)..end];
        return $"<script type=\"text/javascript\">if (typeof window.Plotly === 'undefined') {{ (function (define, exports, module) {{\n{library}\n}}).call(window); }}</script>\n";
    });

    /// <summary>A whole HTML page with the chart, written atomically.</summary>
    public static void SaveHtml(this GenericChart chart, string path)
    {
        AtomicFile.WriteAllText(path, GenericChart.toEmbeddedHTML(chart.Inlined()));
    }
}
