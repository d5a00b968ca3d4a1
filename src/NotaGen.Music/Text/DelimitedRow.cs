using System.Text;

namespace NotaGen.Music.Text;

/// <summary>
/// One row of a delimited table (the corpus index's TSV, the evaluation runner's CSV), with CSV quoting: a cell that
/// starts with <c>"</c> may hold the separator, and <c>""</c> inside it is a quote.
/// </summary>
public static class DelimitedRow
{
    public static List<string> Split(string line, char separator)
    {
        ArgumentNullException.ThrowIfNull(line);
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
