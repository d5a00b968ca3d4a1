using System.Text;
using NotaGen.Notebooks.Display;

namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// The running cell as seen from code inside it: where its console text and displays go, how it reads input,
/// and its cancellation. Flows with the cell's thread and tasks (AsyncLocal); once the cell is over, late writes
/// from a thread it left behind (an interrupted loop) are dropped instead of landing in another cell.
/// </summary>
public sealed class CellContext(ICellOutput output, CancellationToken cancellation, Func<string, string>? input)
{
    private static readonly AsyncLocal<CellContext?> CurrentCell = new();
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly List<DisplayHandle> handles = [];
    private volatile bool closed;

    public static CellContext? Current
    {
        get => CurrentCell.Value;
        internal set => CurrentCell.Value = value;
    }

    public ICellOutput Output => output;

    public CancellationToken Cancellation => cancellation;

    public void Write(string stream, string text)
    {
        if (closed || text.Length == 0)
            return;
        var buffer = stream == "stderr" ? stderr : stdout;
        lock (buffer)
        {
            buffer.Append(text);
            if (text.Contains('\n'))
                Flush(stream, buffer);
        }
    }

    public DisplayHandle Display(object? value, string? mime = null)
    {
        FlushAll();
        var handle = new DisplayHandle(closed ? NullOutput : output, mime);
        handle.Show(value);
        lock (handles)
            handles.Add(handle);
        return handle;
    }

    public string ReadLine(string prompt)
    {
        FlushAll();
        return input is null
            ? throw new InvalidOperationException("This notebook client does not accept input (stdin); pass the value as a parameter instead.")
            : input(prompt);
    }

    public void FlushAll()
    {
        lock (stdout)
            Flush("stdout", stdout);
        lock (stderr)
            Flush("stderr", stderr);
    }

    public void Close()
    {
        FlushAll();
        List<DisplayHandle> shown;
        lock (handles)
            shown = [.. handles];
        // Live displays (training curves) end showing their last value with everything (charts' static images).
        foreach (var handle in shown)
            handle.Complete();
        closed = true;
    }

    private void Flush(string stream, StringBuilder buffer)
    {
        if (buffer.Length == 0)
            return;
        var text = buffer.ToString();
        buffer.Clear();
        if (!closed)
            output.Stream(stream, text);
    }

    private static readonly ICellOutput NullOutput = new DiscardedOutput();
}
