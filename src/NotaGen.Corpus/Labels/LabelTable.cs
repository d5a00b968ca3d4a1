using System.Text;
using NotaGen.Music;
using NotaGen.Music.Text;

namespace NotaGen.Corpus.Labels;

/// <summary>
/// A labels table: tab-separated with a header row naming at least <c>path</c>; the optional columns are
/// <c>source, composer, period, instrumentation, licence, is_exercise, dup_group</c>. Cells may be quoted CSV-style (the shared
/// index is written by Python's csv module), with <c>""</c> for a quote inside.
/// </summary>
public sealed class LabelTable
{
    private readonly Dictionary<string, LabelRow> rows;

    private LabelTable(List<LabelRow> inOrder)
    {
        Rows = inOrder;
        rows = new Dictionary<string, LabelRow>(StringComparer.Ordinal);
        foreach (var row in inOrder)
            rows[row.Path] = row;
    }

    public static LabelTable Empty { get; } = new([]);

    /// <summary>Every row, in the file's order.</summary>
    public IReadOnlyList<LabelRow> Rows { get; }

    public int Count => rows.Count;

    public LabelRow? Find(string relativePath) => rows.GetValueOrDefault(relativePath);

    public static LabelTable Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    public static LabelTable Parse(string text, string file = "<labels>")
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim().Length == 0)
            throw new MusicFormatException(file, "1:1", "the labels table is empty; expected a header row with a 'path' column");
        var header = SplitRow(lines[0]);
        int Column(string name) => Array.IndexOf(header, name);
        var pathColumn = Column("path");
        if (pathColumn < 0)
            throw new MusicFormatException(file, "1:1", "the header has no 'path' column");
        var (source, composer, period, instrumentation, licence, exercise, dup) = (Column("source"), Column("composer"),
            Column("period"), Column("instrumentation"), Column("licence"), Column("is_exercise"), Column("dup_group"));

        var rows = new List<LabelRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = SplitRow(lines[i]);
            string? Cell(int c) => c >= 0 && c < cells.Length && cells[c].Length > 0 ? cells[c] : null;
            var rowPath = Cell(pathColumn) ?? throw new MusicFormatException(file, $"{i + 1}:1", "the row has no path");
            rows.Add(new LabelRow(rowPath, Cell(composer), Cell(period), Cell(instrumentation), Cell(licence),
                string.Equals(Cell(exercise), "true", StringComparison.OrdinalIgnoreCase), Cell(dup), Cell(source)));
        }
        return new LabelTable(rows);
    }

    /// <summary>Splits one tab-separated row, honouring CSV quoting.</summary>
    internal static string[] SplitRow(string line) => [.. DelimitedRow.Split(line, '\t')];
}
