using System.Text.Json.Nodes;
using NotaGen.Notebooks.Display;

namespace NotaGen.Notebooks.Running;

/// <summary>
/// A cell's output written as nbformat outputs into the cell, as a Jupyter front end would save it. Displays are
/// remembered by id across the notebook so an update replaces the output it belongs to.
/// </summary>
internal sealed class NotebookCellOutput(JsonArray outputs, Dictionary<string, List<JsonObject>> displays) : ICellOutput
{
    public void Stream(string name, string text)
    {
        lock (outputs)
        {
            // Consecutive text on one stream is one output, as Jupyter saves it.
            if (outputs.LastOrDefault() is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
                last["text"] = (string?)last["text"] + text;
            else
                outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    public void Display(JsonObject data, string? displayId, bool update)
    {
        lock (displays)
        {
            if (update)
            {
                foreach (var shown in displayId is not null && displays.TryGetValue(displayId, out var list) ? list : [])
                    shown["data"] = data.DeepClone();
                return;
            }
            var output = new JsonObject { ["output_type"] = "display_data", ["data"] = data.DeepClone(), ["metadata"] = new JsonObject() };
            lock (outputs)
                outputs.Add(output);
            if (displayId is not null)
            {
                if (!displays.TryGetValue(displayId, out var list))
                    displays[displayId] = list = [];
                list.Add(output);
            }
        }
    }

    public void Result(JsonObject data, int executionCount)
    {
        lock (outputs)
            outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = data.DeepClone(), ["metadata"] = new JsonObject() });
    }

    public void Error(string name, string value, IReadOnlyList<string> traceback)
    {
        lock (outputs)
            outputs.Add(new JsonObject { ["output_type"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray([.. traceback.Select(t => JsonValue.Create(t))]) });
    }
}
