using System.Net;
using System.Runtime.CompilerServices;
using NotaGen.Visualization.Images;
using Plotly.NET;

namespace NotaGen.Visualization.Charts;

/// <summary>
/// A chart as the MIME types Jupyter front ends render natively: the Plotly figure JSON
/// (<c>application/vnd.plotly.v1+json</c>, drawn by JupyterLab, Notebook 7 and VS Code, trusted or not) and a PNG,
/// which every front end and nbconvert's HTML show as an image (no script, no network), so a notebook stays
/// kilobytes instead of carrying plotly.js (3.6 MB) in every chart. A <c>text/html</c> copy of that PNG would
/// double each chart's share of a notebook and show nothing more: HTML is sent only when there is no PNG, to say why.
/// </summary>
public static class ChartMime
{
    public const string PlotlyJson = "application/vnd.plotly.v1+json";
    public const string Png = "image/png";

    /// <summary>The marker the HTML fallback carries (a chart without its PNG).</summary>
    public const string HtmlClass = "notagen-chart";

    public const int ImageWidth = 800;
    public const int ImageHeight = 500;

    // One image per chart object, shared by the PNG and the HTML fallback (ConditionalWeakTable: by reference, and
    // dropped with the chart).
    private static readonly ConditionalWeakTable<GenericChart, StaticImage> Images = [];

    private sealed record StaticImage(byte[]? Png, string? Problem);

    /// <summary>data, layout and config of the figure, as plotly.js takes them.</summary>
    public static string FigureJson(GenericChart chart) => GenericChart.toJson(chart);

    /// <summary>The PNG, or null when static images are off or could not be made.</summary>
    public static byte[]? PngOf(GenericChart chart) => ImageOf(chart)?.Png;

    /// <summary>
    /// Empty (so left out of the bundle) when the chart has its PNG; otherwise a line saying where the chart is drawn
    /// and why there is no image.
    /// </summary>
    public static string FallbackHtml(GenericChart chart)
    {
        var image = ImageOf(chart);
        if (image?.Png is not null)
            return "";
        var why = image?.Problem ?? "static image off (Chromium not installed, NOTAGEN_CHART_IMAGES=0, or a live chart still drawing)";
        return $"<div class=\"{HtmlClass}\"><p><em>Plotly chart: drawn by front ends that render {PlotlyJson} (JupyterLab, Notebook 7, VS Code); {WebUtility.HtmlEncode(why)}.</em></p></div>";
    }

    private static StaticImage? ImageOf(GenericChart chart)
    {
        if (Images.TryGetValue(chart, out var known))
            return known;
        if (!ChartImages.Wanted)
            return null;
        StaticImage made;
        try
        {
            made = new StaticImage(PngRecompression.Smallest(chart.ToPng(ImageWidth, ImageHeight, scale: 1)), null);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException or InvalidDataException or ArgumentException)
        {
            made = new StaticImage(null, "no static image: " + e.Message);
        }
        return Images.GetValue(chart, _ => made);
    }
}
