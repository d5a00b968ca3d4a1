using System.Text.Json.Nodes;

namespace NotaGen.Notebooks.Tests.Running;

/// <summary>Small notebooks written by the tests.</summary>
internal static class NotebookFiles
{
    public static JsonObject Code(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]) },
        ["outputs"] = new JsonArray(),
        // Jupyter stores source as a list of lines; the runner must join them.
        ["source"] = SourceLines(source),
    };

    public static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    public static string Write(string path, params JsonObject[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static JsonArray SourceLines(string source)
    {
        var lines = source.Split('\n');
        return new JsonArray([.. lines.Select((l, i) => JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l))]);
    }
}
