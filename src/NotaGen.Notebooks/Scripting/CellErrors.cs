using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NotaGen.Notebooks.Scripting;

/// <summary>Compiler diagnostics and run-time exceptions of a cell, phrased with the cell's own line numbers.</summary>
internal static class CellErrors
{
    public static CellOutcome FromDiagnostics(IEnumerable<Diagnostic> errors)
    {
        var lines = errors.Select(d =>
        {
            var at = d.Location.GetLineSpan().StartLinePosition;
            return (Line: at.Line + 1, Text: $"(cell line {at.Line + 1}, column {at.Character + 1}): error {d.Id}: {d.GetMessage()}");
        }).ToList();
        return CellOutcome.Failure("CompilationError", lines[0].Text, lines.Select(l => l.Text).ToList(), lines[0].Line);
    }

    public static CellOutcome FromException(Exception exception, string cellPath)
    {
        while (exception is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && exception.InnerException is not null)
            exception = exception.InnerException;
        var line = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .Where(f => string.Equals(f.GetFileName(), cellPath, StringComparison.Ordinal))
            .Select(f => (int?)f.GetFileLineNumber())
            .FirstOrDefault(n => n > 0);
        var where = line is null ? "" : $" (cell line {line})";
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}{where}" };
        // The frames of the cell and what it called; the scripting engine's own frames below say nothing useful.
        traceback.AddRange((exception.StackTrace ?? "").Split('\n')
            .Select(l => l.TrimEnd())
            .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal))
            .Where(l => l.Length > 0)
            .Select(l => l.Replace(cellPath + ":line ", "cell line ", StringComparison.Ordinal)));
        return CellOutcome.Failure(exception.GetType().Name, exception.Message + where, traceback, line);
    }
}
