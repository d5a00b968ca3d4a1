using System.Reflection;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Corpus.Labels;

/// <summary>
/// The composer → period table (<c>data/composers.tsv</c>, embedded). Names are matched as NotaGen writes them
/// ("Last, First", ASCII); a score's "First Last" is turned round, and a surname that names one composer only matches too.
/// </summary>
public sealed class ComposerPeriods
{
    private readonly Dictionary<string, (string Name, string? Period)> byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> bySurname = new(StringComparer.OrdinalIgnoreCase);

    public ComposerPeriods(IEnumerable<(string Name, string? Period)> composers)
    {
        foreach (var (name, period) in composers)
        {
            byName[name] = (name, period);
            var surname = name.Split(',')[0].Trim();
            if (!bySurname.TryGetValue(surname, out var list)) bySurname[surname] = list = [];
            list.Add(name);
        }
    }

    /// <summary>The table shipped with the workbench.</summary>
    public static ComposerPeriods Bundled { get; } = LoadBundled();

    public int Count => byName.Count;

    /// <summary>The composer's NotaGen name and period, or null when the table does not know the name.</summary>
    public (string Name, string? Period)? Find(string? composer)
    {
        if (string.IsNullOrWhiteSpace(composer)) return null;
        var folded = AsciiFolding.Fold(composer).Trim();
        if (byName.TryGetValue(folded, out var exact)) return exact;
        if (!folded.Contains(',') && folded.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } words)
        {
            var turned = words[^1] + ", " + string.Join(' ', words[..^1]);
            if (byName.TryGetValue(turned, out var found)) return found;
            folded = words[^1];
        }
        var surname = folded.Split(',')[0].Trim();
        return bySurname.TryGetValue(surname, out var names) && names.Count == 1 ? byName[names[0]] : null;
    }

    public static ComposerPeriods Parse(string tsv)
    {
        var rows = new List<(string, string?)>();
        foreach (var line in tsv.Replace("\r\n", "\n").Split('\n').Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 4 || cells[0].Length == 0) continue;
            rows.Add((cells[0], cells[3].Length > 0 ? cells[3] : null));
        }
        return new ComposerPeriods(rows);
    }

    private static ComposerPeriods LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NotaGen.Corpus.composers.tsv")
            ?? throw new InvalidOperationException("the embedded composers.tsv is missing from NotaGen.Corpus");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
