using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace NotaGen.Notebooks.Running;

/// <summary>
/// Papermill's convention in C#: the values given on the command line become a cell tagged
/// <c>injected-parameters</c> right after the cell tagged <c>parameters</c> (at the top when there is none), so
/// they override its defaults. An injected cell from an earlier run is replaced.
/// </summary>
public static class ParameterInjection
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    public static void Inject(NotebookDocument notebook, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var cells = notebook.Cells;
        foreach (var old in cells.Where(c => c is not null && NotebookDocument.TagsOf(c).Contains(InjectedTag)).ToList())
            cells.Remove(old);
        if (parameters.Count == 0)
            return;

        var source = new StringBuilder("// Parameters injected by notagen notebook run\n");
        foreach (var (name, value) in parameters)
        {
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ArgumentException($"parameter name '{name}' is not a C# identifier");
            source.Append($"var {name} = {Literal(value)};\n");
        }
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = Guid.NewGuid().ToString("N")[..12],
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(InjectedTag) },
            ["outputs"] = new JsonArray(),
            ["source"] = source.ToString().TrimEnd('\n'),
        };
        var parametersCell = cells.Select((c, i) => (c, i)).FirstOrDefault(x => x.c is not null && NotebookDocument.TagsOf(x.c).Contains(ParametersTag));
        cells.Insert(parametersCell.c is null ? 0 : parametersCell.i + 1, cell);
    }

    /// <summary>The C# literal for a command-line value: a whole number, a decimal number, a bool, else a string.</summary>
    public static string Literal(string value)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            return i.ToString(CultureInfo.InvariantCulture);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return l.ToString(CultureInfo.InvariantCulture) + "L";
        if (value.Contains('.') && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return d.ToString("R", CultureInfo.InvariantCulture) + (d == Math.Floor(d) && !d.ToString("R", CultureInfo.InvariantCulture).Contains('E') ? ".0" : "");
        if (value is "true" or "false")
            return value;
        return SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
