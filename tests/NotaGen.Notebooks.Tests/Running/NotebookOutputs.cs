using System.Text.Json.Nodes;
using NotaGen.Visualization.Charts;

namespace NotaGen.Notebooks.Tests.Running;

/// <summary>
/// What each repository notebook must show when it runs in smoke mode, counted from its outputs' MIME bundles: charts
/// by their Plotly figure, the rest by the markers the workbench's formatters write in the HTML. A notebook not listed
/// must show at least one rich output.
/// </summary>
internal static class NotebookOutputs
{
    public const string Chart = "chart";
    public const string Table = "table";
    public const string Audio = "audio";
    public const string Piece = "piece";
    public const string Tokens = "token view";

    private static readonly (string Kind, string Marker)[] Markers =
    [
        (Table, "class=\"notagen-dataframe\""),
        (Audio, "<audio controls"),
        (Piece, "class=\"notagen-piece\""),
        (Tokens, "class=\"notagen-tokens\""),
    ];

    public static IReadOnlyDictionary<string, int> AnyRich { get; } = new Dictionary<string, int>();

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Expected { get; } = new Dictionary<string, IReadOnlyDictionary<string, int>>
    {
        ["00-quickstart.ipynb"] = new Dictionary<string, int> { [Piece] = 2, [Audio] = 2 },
        ["01-corpus.ipynb"] = new Dictionary<string, int> { [Table] = 2, [Chart] = 4, [Piece] = 1, [Audio] = 1 },
        ["02-tokenizer.ipynb"] = new Dictionary<string, int> { [Tokens] = 1, [Table] = 1, [Chart] = 1 },
        // Two live curves (updated in place) and the curves read back from log.jsonl.
        ["03-train.ipynb"] = new Dictionary<string, int> { [Chart] = 3, [Table] = 1 },
        // The generated piece beside its nearest training piece.
        ["04-generate-and-listen.ipynb"] = new Dictionary<string, int> { [Piece] = 1, [Chart] = 1 },
        ["05-attention.ipynb"] = new Dictionary<string, int> { [Chart] = 5, [Tokens] = 1, [Piece] = 1 },
        ["06-style-space.ipynb"] = new Dictionary<string, int> { [Chart] = 4, [Piece] = 2, [Table] = 1 },
        // Three metrics by temperature and the heatmap; the grid, the presets, the constraint axis and the temperature test as tables.
        ["07-sampling-ablation.ipynb"] = new Dictionary<string, int> { [Chart] = 4, [Table] = 4 },
    };

    /// <summary>Text some plain-text output of the notebook must contain: the lines a reader relies on.</summary>
    public static IReadOnlyDictionary<string, string[]> ExpectedText { get; } = new Dictionary<string, string[]>
    {
        // The live progress line ends as a summary of what was generated.
        // Generated under the structure constraint, which says so, and a standard ABC tune continued, with figures of its new bars.
        ["04-generate-and-listen.ipynb"] = ["done: 1 piece(s) under constraint structure: ", "nearest of ",
            "continued under constraint structure: ", "2 new bar(s) after the prompt's 4: parse, bar alignment error 0.0%"],
        ["07-sampling-ablation.ipynb"] = ["done: 8 cells × 1 prompt(s) × 1 piece(s)", "done: 2 cells × 1 prompt(s) × 1 piece(s)", "structure measures collapse at T = 2.2"],
    };

    /// <summary>How many outputs show each kind (an output counts once per kind it contains).</summary>
    public static Dictionary<string, int> Count(IEnumerable<JsonObject> outputs)
    {
        var counts = Markers.ToDictionary(m => m.Kind, _ => 0);
        counts[Chart] = 0;
        foreach (var output in outputs)
        {
            if (output["data"] is JsonObject data && data.ContainsKey(ChartMime.PlotlyJson))
                counts[Chart]++;
            var html = Text(output["data"]?["text/html"]);
            foreach (var (kind, marker) in Markers)
                if (html.Contains(marker, StringComparison.Ordinal))
                    counts[kind]++;
        }
        return counts;
    }

    /// <summary>nbformat stores multi-line text as a list of lines.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };
}
