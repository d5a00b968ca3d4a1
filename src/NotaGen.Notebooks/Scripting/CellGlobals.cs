using NotaGen.Notebooks.Display;

namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// Members every cell can call unqualified, named as in Polyglot Notebooks so their notebooks keep working.
/// </summary>
public sealed class CellGlobals(string notebookDirectory)
{
    /// <summary>The folder of the notebook being run; relative paths in a notebook are best built from it.</summary>
    public string NotebookDirectory { get; } = notebookDirectory;

    /// <summary>Cancelled when the user interrupts the cell or its time limit passes; long loops should check it.</summary>
    public CancellationToken Cancellation => CellContext.Current?.Cancellation ?? CancellationToken.None;

#pragma warning disable IDE1006 // lower-case like Polyglot's display(), so notebooks written for it run unchanged
    /// <summary>Shows <paramref name="value"/> now, in every MIME type its formatters make; the handle updates it in place.</summary>
    public DisplayHandle display(object? value) => Current("display()").Display(value);

    /// <summary>
    /// Shows <paramref name="value"/> as one MIME type: <c>display(svgText, "image/svg+xml")</c>,
    /// <c>display(pngBytes, "image/png")</c>, <c>display(json, "application/json")</c>, <c>display(md, "text/markdown")</c>.
    /// </summary>
    public DisplayHandle display(object? value, string mime) => Current("display()").Display(value, mime);
#pragma warning restore IDE1006

#pragma warning disable CA1822 // an instance member, so cells can call it unqualified
    /// <summary>Markup shown as HTML when it is a cell's value or passed to display().</summary>
    public HtmlContent HTML(string html) => new(html);
#pragma warning restore CA1822

    private static CellContext Current(string what) =>
        CellContext.Current ?? throw new InvalidOperationException($"{what} works only inside a running cell");
}
