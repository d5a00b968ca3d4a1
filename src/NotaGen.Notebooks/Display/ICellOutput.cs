using System.Text.Json.Nodes;

namespace NotaGen.Notebooks.Display;

/// <summary>
/// Where a running cell's output goes: the kernel publishes it on iopub, the headless runner appends it to the
/// notebook. Same calls, same formatters, so a notebook looks the same either way.
/// </summary>
public interface ICellOutput
{
    void Stream(string name, string text);

    /// <summary>display_data (or update_display_data when <paramref name="update"/>) with a mime bundle.</summary>
    void Display(JsonObject data, string? displayId, bool update);

    void Result(JsonObject data, int executionCount);

    void Error(string name, string value, IReadOnlyList<string> traceback);
}
