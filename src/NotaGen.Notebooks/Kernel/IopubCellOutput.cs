using System.Text.Json.Nodes;
using NotaGen.Notebooks.Display;
using NotaGen.Notebooks.Protocol;

namespace NotaGen.Notebooks.Kernel;

/// <summary>A cell's output published on iopub, each message a child of the execute_request.</summary>
internal sealed class IopubCellOutput(KernelSockets sockets, JupyterMessage request) : ICellOutput
{
    public void Stream(string name, string text) =>
        sockets.Publish(request, "stream", new JsonObject { ["name"] = name, ["text"] = text });

    public void Display(JsonObject data, string? displayId, bool update) =>
        sockets.Publish(request, update ? "update_display_data" : "display_data", new JsonObject
        {
            ["data"] = data,
            ["metadata"] = new JsonObject(),
            ["transient"] = displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId },
        });

    public void Result(JsonObject data, int executionCount) =>
        sockets.Publish(request, "execute_result", new JsonObject
        {
            ["execution_count"] = executionCount,
            ["data"] = data,
            ["metadata"] = new JsonObject(),
        });

    public void Error(string name, string value, IReadOnlyList<string> traceback) =>
        sockets.Publish(request, "error", new JsonObject
        {
            ["ename"] = name,
            ["evalue"] = value,
            ["traceback"] = new JsonArray([.. traceback.Select(t => JsonValue.Create(t))]),
        });
}
