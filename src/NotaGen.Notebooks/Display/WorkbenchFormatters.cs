using Microsoft.DotNet.Interactive.Formatting;
using NotaGen.Visualization;

namespace NotaGen.Notebooks.Display;

/// <summary>The workbench's formatters, registered once per process in the shared formatter registry.</summary>
public static class WorkbenchFormatters
{
    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureRegistered() => _ = Registered.Value;

    private static bool Register()
    {
        Formatter.Register<PieceDisplay>((piece, writer) => writer.Write(piece.ToHtml()), "text/html");
        Formatter.Register<PieceDisplay>((piece, writer) => writer.Write(piece.ScoreSvg() ?? ""), "image/svg+xml");
        // Nothing written (so left out of the bundle) when rsvg-convert is not installed.
        Formatter.Register<PieceDisplay>((piece, writer) => writer.Write(piece.ScorePng() is { } png ? Convert.ToBase64String(png) : ""), "image/png");
        Formatter.Register<PieceDisplay>((piece, writer) => writer.Write(piece.Abc), "text/plain");
        // The HTML (score, player, downloads) first; the score alone as SVG and PNG for front ends that show no HTML.
        Formatter.SetPreferredMimeTypesFor(typeof(PieceDisplay), "text/html", "image/svg+xml", "image/png");
        Formatter.Register<HtmlContent>((content, writer) => writer.Write(content.Html), "text/html");
        Formatter.SetPreferredMimeTypesFor(typeof(HtmlContent), "text/html");
        VisualizationFormatters.RegisterWhenLoaded();
        return true;
    }
}
