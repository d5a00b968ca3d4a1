using System.Text.Json.Nodes;

namespace NotaGen.Notebooks.Display;

/// <summary>Output nobody sees: silent executions, and cells that ended while a thread they started still writes.</summary>
internal sealed class DiscardedOutput : ICellOutput
{
    public void Stream(string name, string text) { }

    public void Display(JsonObject data, string? displayId, bool update) { }

    public void Result(JsonObject data, int executionCount) { }

    public void Error(string name, string value, IReadOnlyList<string> traceback) { }
}
