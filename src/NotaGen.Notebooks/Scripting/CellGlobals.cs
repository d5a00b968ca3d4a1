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
    public DisplayHandle display(object? value) =>
        (CellContext.Current ?? throw new InvalidOperationException("display() works only inside a running cell")).Display(value);
#pragma warning restore IDE1006
}
