namespace NotaGen.Notebooks.Scripting;

/// <summary>How a cell ended. On failure, the error as Jupyter shows it and, when known, the cell line at fault.</summary>
public sealed record CellOutcome(bool Succeeded, string ErrorName = "", string ErrorValue = "", IReadOnlyList<string>? Traceback = null, int? Line = null, bool Interrupted = false)
{
    public static CellOutcome Success { get; } = new(true);

    public static CellOutcome Failure(string name, string value, IReadOnlyList<string> traceback, int? line = null, bool interrupted = false) =>
        new(false, name, value, traceback, line, interrupted);
}
