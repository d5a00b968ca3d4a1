using System.Text;

namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// Sends Console.Out, Console.Error and Console.In of cell code to the running cell (<see cref="CellContext"/>).
/// Installed once per process; text written outside any cell goes to the original streams.
/// </summary>
public static class ConsoleCapture
{
    private static int installed;

    /// <summary>The process's own standard error, for the kernel's diagnostics.</summary>
    public static TextWriter OriginalError { get; private set; } = Console.Error;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
            return;
        OriginalError = Console.Error;
        Console.SetOut(new CellWriter("stdout", Console.Out));
        Console.SetError(new CellWriter("stderr", Console.Error));
        Console.SetIn(new CellReader(Console.In));
    }

    private sealed class CellWriter(string stream, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (value is null)
                return;
            if (CellContext.Current is { } cell)
                cell.Write(stream, value);
            else
                fallback.Write(value);
        }

        public override void Flush() => CellContext.Current?.FlushAll();
    }

    private sealed class CellReader(TextReader fallback) : TextReader
    {
        public override string? ReadLine() => CellContext.Current is { } cell ? cell.ReadLine("") : fallback.ReadLine();
    }
}
