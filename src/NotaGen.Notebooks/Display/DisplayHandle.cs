using System.Text.Json.Nodes;
using NotaGen.Visualization.Charts;

namespace NotaGen.Notebooks.Display;

/// <summary>
/// What <c>display(value)</c> returns: a handle whose <see cref="Update"/> replaces the shown output in place
/// (Jupyter's update_display_data), e.g. for a training curve redrawn every few steps. Updates leave out charts'
/// static images (a Chromium run each); <see cref="Complete"/> sends the last value once more with them (when that
/// changes anything) as the cell ends, so the saved notebook still shows the final chart where Plotly is not drawn.
/// </summary>
public sealed class DisplayHandle(ICellOutput output, string? mime = null)
{
    private object? last;
    private JsonObject? lastSent;
    private bool incomplete;

    public string DisplayId { get; } = Guid.NewGuid().ToString("N");

    public void Update(object? value)
    {
        using (ChartImages.Deferred())
            lastSent = MimeBundle.For(value, mime);
        output.Display(lastSent, DisplayId, update: true);
        last = value;
        incomplete = true;
    }

    internal void Show(object? value) => output.Display(MimeBundle.For(value, mime), DisplayId, update: false);

    /// <summary>Re-sends the last update in full (with static images), once, if an update left them out.</summary>
    internal void Complete()
    {
        if (!incomplete)
            return;
        incomplete = false;
        var full = MimeBundle.For(last, mime);
        if (!JsonNode.DeepEquals(full, lastSent))
            output.Display(full, DisplayId, update: true);
    }
}
