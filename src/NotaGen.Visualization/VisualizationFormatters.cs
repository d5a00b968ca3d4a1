using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using NotaGen.Visualization.Charts;
using NotaGen.Visualization.Tables;
using NotaGen.Visualization.Tokens;
using Plotly.NET;

namespace NotaGen.Visualization;

/// <summary>
/// Registers the DataFrame and chart formatters with the shared formatter registry, lazily: each one is registered
/// only when its library (Microsoft.Data.Analysis, Plotly.NET) is first loaded, so a notebook that never touches
/// tables or charts never loads them (Plotly.NET brings FSharp.Core).
/// </summary>
public static class VisualizationFormatters
{
    private static int armed;

    public static void RegisterWhenLoaded()
    {
        if (Interlocked.Exchange(ref armed, 1) == 1)
            return;
        // The workbench's own HTML views need no library of their own: registered at once.
        Formatter.Register<TokenView>((view, writer) => writer.Write(view.ToHtml()), "text/html");
        Formatter.Register<TokenView>((view, writer) => writer.Write(view.ToString()), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(TokenView), "text/html");
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => OnLoaded(e.LoadedAssembly);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            OnLoaded(assembly);
    }

    private static void OnLoaded(Assembly assembly)
    {
        switch (assembly.GetName().Name)
        {
            case "Microsoft.Data.Analysis":
                RegisterDataFrame();
                break;
            case "Plotly.NET":
                RegisterChart();
                break;
        }
    }

    // Separate, non-inlined methods: the JIT loads a formatter's library only when its method is compiled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RegisterDataFrame()
    {
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(frame.ToHtml()), "text/html");
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.Shape(frame) + "\n" + frame.ToString()), "text/plain");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RegisterChart()
    {
        // Native MIME types, not HTML with plotly.js inlined: see ChartMime. Preferred order = the bundle's keys.
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartMime.FigureJson(chart)), ChartMime.PlotlyJson);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartMime.PngOf(chart) is { } png ? Convert.ToBase64String(png) : ""), ChartMime.Png);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartMime.FallbackHtml(chart)), "text/html");
        Formatter.Register<GenericChart>((_, writer) => writer.Write("Plotly chart (open in a notebook to see it)"), "text/plain");
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), ChartMime.PlotlyJson, ChartMime.Png, "text/html");
    }
}
