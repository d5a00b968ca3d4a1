using System.Globalization;
using System.Text;
using NotaGen.Music.IO;
using Plotly.NET;

namespace NotaGen.Visualization.Charts;

/// <summary>
/// A paper figure on disk: <c>NAME.html</c> (interactive), <c>NAME.svg</c> and <c>NAME.png</c> (static, through
/// headless Chromium) and the data it draws as <c>NAME.csv</c> beside them. The CSV is written with the invariant
/// culture and "\n" line ends, so the same data gives the same bytes on every machine.
/// </summary>
public static class FigureFiles
{
    /// <summary>Writes the four files; <paramref name="staticImages"/> false leaves SVG/PNG out (no Chromium needed).</summary>
    public static IReadOnlyList<string> Save(GenericChart chart, string directory, string name, IReadOnlyList<string> columns,
        IEnumerable<IReadOnlyList<object?>> rows, bool staticImages = true)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, name);
        AtomicFile.WriteAllText(stem + ".csv", Csv(columns, rows));
        chart.SaveHtml(stem + ".html");
        if (!staticImages)
            return [stem + ".csv", stem + ".html"];
        chart.SaveSvg(stem + ".svg");
        chart.SavePng(stem + ".png");
        return [stem + ".csv", stem + ".html", stem + ".svg", stem + ".png"];
    }

    /// <summary>RFC 4180 CSV: fields with a comma, quote or line break quoted; numbers in the invariant culture ("R" for doubles).</summary>
    public static string Csv(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', columns.Select(Field))).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
                throw new ArgumentException($"a row has {row.Count} values for {columns.Count} columns ({string.Join(", ", columns)})");
            text.Append(string.Join(',', row.Select(v => Field(Format(v))))).Append('\n');
        }
        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
