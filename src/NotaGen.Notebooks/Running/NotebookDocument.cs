using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotaGen.Music.IO;
using NotaGen.Notebooks.Kernel;

namespace NotaGen.Notebooks.Running;

/// <summary>
/// An .ipynb file (nbformat 4.5) as JSON: cells are read and rewritten in place so anything this code does not know
/// about (cell attachments, other metadata) survives a run.
/// </summary>
public sealed class NotebookDocument(JsonObject root)
{
    private static readonly JsonSerializerOptions Writing = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public JsonObject Root => root;

    public JsonArray Cells => root["cells"] as JsonArray ?? throw new InvalidDataException("the notebook has no 'cells' list");

    public static NotebookDocument Load(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber + 1}: not valid notebook JSON: {e.Message}");
        }
        if (node is not JsonObject { } obj || obj["cells"] is not JsonArray)
            throw new InvalidDataException($"{path}: not a Jupyter notebook (no 'cells' list)");
        if ((int?)obj["nbformat"] is { } major && major != 4)
            throw new InvalidDataException($"{path}: nbformat {major} is not supported (4 is)");
        return new NotebookDocument(obj);
    }

    public static string SourceOf(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };

    public static IReadOnlyList<string> TagsOf(JsonNode cell) =>
        (cell["metadata"]?["tags"] as JsonArray)?.Select(t => (string?)t ?? "").ToList() ?? [];

    /// <summary>Sets nbformat 4.5, the notagen-csharp kernelspec, C# language_info and the Polyglot metadata;
    /// gives every cell an id and every code cell the C# cell metadata.</summary>
    public void Normalize()
    {
        root["nbformat"] = 4;
        root["nbformat_minor"] = 5;
        var metadata = root["metadata"] as JsonObject ?? [];
        root["metadata"] = metadata;
        metadata["kernelspec"] = KernelLanguage.KernelSpec();
        metadata["language_info"] = KernelLanguage.LanguageInfo();
        metadata["polyglot_notebook"] = KernelLanguage.PolyglotNotebookMetadata();
        foreach (var cell in Cells.OfType<JsonObject>())
        {
            if (cell["id"] is null)
                cell["id"] = Guid.NewGuid().ToString("N")[..12];
            if ((string?)cell["cell_type"] != "code")
                continue;
            var cellMetadata = cell["metadata"] as JsonObject ?? [];
            cell["metadata"] = cellMetadata;
            foreach (var (key, value) in KernelLanguage.CodeCellMetadata())
                cellMetadata[key] = value!.DeepClone();
        }
    }

    /// <summary>Writes the notebook to a temporary file beside <paramref name="path"/>, then renames it over.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, root.ToJsonString(Writing) + "\n");
}
