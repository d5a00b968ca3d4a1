using System.Text.Json.Nodes;
using NotaGen.Notebooks.Display;

namespace NotaGen.Notebooks.Tests;

/// <summary>Keeps what a cell wrote, in order, for assertions.</summary>
internal sealed class RecordingOutput : ICellOutput
{
    public List<(string Kind, JsonObject Content)> Items { get; } = [];

    public string Stdout => string.Concat(Items.Where(i => i.Kind == "stream" && (string?)i.Content["name"] == "stdout").Select(i => (string?)i.Content["text"]));

    public string Stderr => string.Concat(Items.Where(i => i.Kind == "stream" && (string?)i.Content["name"] == "stderr").Select(i => (string?)i.Content["text"]));

    public JsonObject? LastResult => Items.LastOrDefault(i => i.Kind == "execute_result").Content;

    public JsonObject? LastError => Items.LastOrDefault(i => i.Kind == "error").Content;

    public void Stream(string name, string text)
    {
        lock (Items)
            Items.Add(("stream", new JsonObject { ["name"] = name, ["text"] = text }));
    }

    public void Display(JsonObject data, string? displayId, bool update)
    {
        lock (Items)
            Items.Add((update ? "update_display_data" : "display_data", new JsonObject { ["data"] = data.DeepClone(), ["display_id"] = displayId }));
    }

    public void Result(JsonObject data, int executionCount)
    {
        lock (Items)
            Items.Add(("execute_result", new JsonObject { ["data"] = data.DeepClone(), ["execution_count"] = executionCount }));
    }

    public void Error(string name, string value, IReadOnlyList<string> traceback)
    {
        lock (Items)
            Items.Add(("error", new JsonObject { ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray([.. traceback.Select(t => JsonValue.Create(t))]) }));
    }
}
