namespace NotaGen.Visualization.Charts;

/// <summary>
/// Whether a chart shown in a notebook also carries a static PNG (through headless Chromium, ~1 s per chart) for
/// front ends and untrusted views that do not draw Plotly. On by default when Chromium is installed;
/// <c>NOTAGEN_CHART_IMAGES=0</c> turns it off. Plotly-free, so asking costs no load of Plotly.NET or FSharp.Core.
/// </summary>
public static class ChartImages
{
    public const string Variable = "NOTAGEN_CHART_IMAGES";

    private static readonly AsyncLocal<bool> DeferredHere = new();
    private static readonly Lazy<bool> ChromiumInstalled = new(() =>
    {
        try
        {
            ChartImage.FindChromium();
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    });

    /// <summary>Null: decided by <see cref="Variable"/> and whether Chromium is installed.</summary>
    public static bool? Enabled { get; set; }

    /// <summary>Whether a <see cref="Deferred"/> scope is open here.</summary>
    public static bool DeferredNow => DeferredHere.Value;

    /// <summary>Whether a chart formatted now gets its static image.</summary>
    public static bool Wanted =>
        !DeferredNow && (Enabled ?? (Environment.GetEnvironmentVariable(Variable) is not "0" && ChromiumInstalled.Value));

    /// <summary>
    /// Leaves the static image out while the scope lasts (on this thread and its tasks): a live chart redrawn every
    /// few steps gets one image at the end, not one per redraw.
    /// </summary>
    public static IDisposable Deferred()
    {
        var before = DeferredHere.Value;
        DeferredHere.Value = true;
        return new Restore(() => DeferredHere.Value = before);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
