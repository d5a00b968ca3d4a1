using System.Globalization;
using System.Text;
using NotaGen.Music.IO;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Music.Text;

namespace NotaGen.Modeling.Conditioning;

/// <summary>
/// The style prompts a model was trained on, with the number of training pieces behind each: <c>prompts.tsv</c> in a
/// model directory (columns period, composer, instrumentation, pieces). Conditioned generation is only meaningful for
/// these triples, as in NotaGen's demo, which offers only valid combinations.
/// </summary>
public sealed class PromptCatalog
{
    public const string FileName = "prompts.tsv";
    private const string Header = "period\tcomposer\tinstrumentation\tpieces";

    public PromptCatalog(IEnumerable<(StylePrompt Prompt, int Pieces)> entries)
    {
        Entries = entries
            .GroupBy(e => e.Prompt)
            .Select(g => (g.Key, g.Sum(e => e.Pieces)))
            .OrderBy(e => e.Key.Period, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Composer, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Instrumentation, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every known triple, sorted by period, composer, instrumentation.</summary>
    public IReadOnlyList<(StylePrompt Prompt, int Pieces)> Entries { get; }

    public bool Contains(StylePrompt prompt) => Entries.Any(e => e.Prompt == prompt);

    /// <summary>
    /// The known triple equal to <paramref name="prompt"/> up to letter case and surrounding spaces; otherwise throws
    /// <see cref="UnknownPromptException"/> with the nearest known triples.
    /// </summary>
    public StylePrompt Resolve(StylePrompt prompt)
    {
        var match = Entries.Select(e => e.Prompt).FirstOrDefault(p =>
            Same(p.Period, prompt.Period) && Same(p.Composer, prompt.Composer) && Same(p.Instrumentation, prompt.Instrumentation));
        return match ?? throw new UnknownPromptException(prompt, Nearest(prompt, 5));
    }

    /// <summary>
    /// Known triples ranked by closeness: the summed normalised edit distance of the three fields, the composer
    /// counted twice because it is the most specific; ties go to the triple with more training pieces.
    /// </summary>
    public IReadOnlyList<StylePrompt> Nearest(StylePrompt prompt, int count) =>
        Entries
            .OrderBy(e => Distance(e.Prompt.Period, prompt.Period) + 2 * Distance(e.Prompt.Composer, prompt.Composer)
                + Distance(e.Prompt.Instrumentation, prompt.Instrumentation))
            .ThenByDescending(e => e.Pieces)
            .Take(count)
            .Select(e => e.Prompt)
            .ToList();

    public static PromptCatalog Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no prompt list; a model directory written by `notagen model export` has one.", path);
        var entries = new List<(StylePrompt, int)>();
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
            throw new InvalidDataException($"{path}:1:1: expected the header '{Header.Replace("\t", "<TAB>", StringComparison.Ordinal)}'");
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = lines[i].Split('\t');
            if (fields.Length != 4 || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var pieces))
                throw new InvalidDataException($"{path}:{i + 1}:1: expected period, composer, instrumentation and a piece count separated by tabs");
            entries.Add((new StylePrompt(fields[0], fields[1], fields[2]), pieces));
        }
        return new PromptCatalog(entries);
    }

    public void Save(string path)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (prompt, pieces) in Entries)
            text.Append(CultureInfo.InvariantCulture, $"{prompt.Period}\t{prompt.Composer}\t{prompt.Instrumentation}\t{pieces}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Normalised edit distance of the trimmed, lower-cased strings: 0 equal, 1 unrelated.</summary>
    private static double Distance(string? a, string? b) =>
        EditDistance.Normalized((a ?? "").Trim().ToLowerInvariant(), (b ?? "").Trim().ToLowerInvariant());
}
