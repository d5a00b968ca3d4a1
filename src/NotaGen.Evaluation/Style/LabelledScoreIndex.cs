using System.Text;
using NotaGen.Music;
using NotaGen.Music.Text;

namespace NotaGen.Evaluation.Style;

/// <summary>One labelled score of a score folder's <c>index.tsv</c> (the shared corpus's layout); empty cells are null.</summary>
/// <param name="Path">Relative to the folder, as the index writes it.</param>
public sealed record LabelledScore(string Path, string Source, string? Composer, string? Period, string? Instrumentation, string? Licence, string? DupGroup);

/// <summary>
/// Reads the <c>index.tsv</c> of a folder of scores (columns <c>path, source, composer, period, instrumentation,
/// licence, dup_group</c>, tab-separated, cells quoted CSV-style): the rows the style classifiers train and are judged
/// on. Only the columns named here are read, so the file may carry others.
/// </summary>
public static class LabelledScoreIndex
{
    public const string FileName = "index.tsv";

    /// <summary>Whether <paramref name="folder"/> is a folder of scores with an index (rather than a built corpus).</summary>
    public static bool IsIndexedFolder(string folder) => Directory.Exists(folder) && File.Exists(System.IO.Path.Combine(folder, FileName));

    public static IReadOnlyList<LabelledScore> Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var file = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(file)) throw new FileNotFoundException($"{folder}: no {FileName} (a folder of scores with an index, like ../shared/corpus)", file);
        var lines = File.ReadAllText(file, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = DelimitedRow.Split(lines[0], '\t');
        int Column(string name, bool required)
        {
            var c = header.IndexOf(name);
            if (c < 0 && required) throw new MusicFormatException(file, "1:1", $"the header has no '{name}' column");
            return c;
        }
        var (path, source, composer, period, instrumentation, licence, dup) = (Column("path", true), Column("source", false), Column("composer", false),
            Column("period", false), Column("instrumentation", false), Column("licence", false), Column("dup_group", false));
        var rows = new List<LabelledScore>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = DelimitedRow.Split(lines[i], '\t');
            string? Cell(int c) => c >= 0 && c < cells.Count && cells[c].Length > 0 ? cells[c] : null;
            var relative = Cell(path) ?? throw new MusicFormatException(file, $"{i + 1}:1", "the row has no path");
            rows.Add(new LabelledScore(relative, Cell(source) ?? "", Cell(composer), Cell(period), Cell(instrumentation), Cell(licence), Cell(dup)));
        }
        return rows;
    }
}
