using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Converts score-partwise MusicXML to standard ABC the way NotaGen's data pipeline does (W.G. Vree's xml2abc with
/// <c>-d 8 -c 6 -x</c>): L:1/8, one ABC voice per MusicXML voice, <c>%%score</c> grouping staves and parts, bars
/// gathered on lines of about 100 characters with <c>%N</c> bar counts. Lyrics and layout are left out.
/// </summary>
/// <remarks>
/// The methods that run per element or per note (reading the tree, walking its paths, reading a note, writing a measure)
/// are marked <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>: compiled optimised
/// from their first call. A folder of scores converts in about a second, much of which passes before tiered
/// compilation would have optimised them; with two files converted at once, a profile found a tenth of the time in
/// unoptimised code. Marked, a folder of 80 scores took 9% less time (`--jobs 2`, five runs side by side); the tree of
/// the same 80 scores was built in 0.7–1.0 s in a fresh process instead of 1.0–1.2 s.
/// </remarks>
public static partial class MusicXmlToAbc
{
    /// <summary>Reads a <c>.musicxml</c>, <c>.xml</c> or <c>.mxl</c> file and returns the ABC text.</summary>
    /// <param name="cancel">Checked while the file is read and converted (per measure): a conversion given up on stops.</param>
    public static string ConvertFile(string path, AbcConversionOptions? options = null, CancellationToken cancel = default) =>
        Convert(MusicXmlLoader.LoadTree(path, AttributesRead, cancel, ElementsUnread), path, options, cancel).Abc;

    /// <summary>Converts the tree and gives it back for reuse.</summary>
    private static AbcConversionResult Convert(ElementTree tree, string file, AbcConversionOptions? options, CancellationToken cancel)
    {
        try
        {
            return ConvertTree(tree, file, options, cancel);
        }
        finally
        {
            tree.Return();
        }
    }

    /// <summary>
    /// Every attribute the conversion reads, by local name; a file is loaded with these only, which leaves the layout
    /// attributes (most of a typical export's) out of the tree. A conversion that reads a new attribute must name it
    /// here: the filtered-load test converts shared scores both ways and compares.
    /// </summary>
    internal static readonly FrozenSet<string> AttributesRead = FrozenSet.ToFrozenSet(
        [
            "default-y", "direction", "id", "line-type", "location", "number", "parentheses", "placement", "print-object",
            "slash", "tempo", "text", "type",
            .. PartReader.Jumps.Select(j => j.Attribute), // <sound dacapo="yes"> and the like
        ],
        StringComparer.Ordinal);

    /// <summary>
    /// Elements the conversion never looks at, by local name; a file is loaded without them and what they hold. A
    /// note's <c>&lt;type&gt;</c> and <c>&lt;dot&gt;</c> (the ABC length comes from <c>&lt;duration&gt;</c>) and its
    /// lyrics (left out of the ABC) are about a tenth of the elements of a typical export. A conversion that starts
    /// reading one of them must take it out of here: the filtered-load test converts shared scores both ways and compares.
    /// </summary>
    internal static readonly FrozenSet<string> ElementsUnread = FrozenSet.ToFrozenSet(["type", "dot", "lyric"], StringComparer.Ordinal);

    /// <summary>Converts a loaded document. <paramref name="file"/> names the source in errors.</summary>
    public static AbcConversionResult Convert(XDocument document, string file, AbcConversionOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var reader = document.CreateReader();
        return Convert(ElementTreeBuilder.Build(reader, MusicXmlLoader.MaxElementDepth, file, cancel), file, options, cancel);
    }

    private static AbcConversionResult ConvertTree(ElementTree tree, string file, AbcConversionOptions? options, CancellationToken cancel)
    {
        var root = tree.Root ?? throw new MusicFormatException(file, "", "the document is empty");
        if (root.LocalName == "score-timewise")
            throw new MusicFormatException(file, "", "score-timewise MusicXML is not supported; convert it to score-partwise first");
        if (root.LocalName != "score-partwise")
            throw new MusicFormatException(file, "", $"the root element is <{root.LocalName}>, not <score-partwise>: this is not a MusicXML score");

        var score = new ScoreState(file, options ?? AbcConversionOptions.NotaGen, cancel)
        {
            IsSibelius = (root.FindText("identification/encoding/software") ?? "").Contains("Sibelius", StringComparison.Ordinal),
        };
        var body = new List<string>();
        var parts = root.Elements("part").ToList();
        for (var ip = 0; ip < parts.Count; ip++)
        {
            var (lines, _) = new PartReader(score, parts[ip], ip).Read();
            body.AddRange(lines);
        }
        if (score.Clefs.Count == 0)
            throw new MusicFormatException(file, "", "the score has no notes");
        var header = Header(root, score);
        var text = new StringBuilder(header);
        foreach (var line in body)
            text.Append(line).Append('\n');
        return new AbcConversionResult(text.ToString(), score.Log.Warnings);
    }

    private static string Header(TreeElement root, ScoreState score)
    {
        var (staves, names) = PartList.Build(root.Find("part-list"), score.StaffMap);
        var voiceNames = new Dictionary<int, string>();
        foreach (var (staffs, (name, abbreviation)) in score.StaffMap.Zip(names))
        {
            if (staffs.Count == 0)
                continue;
            var nm = CleanName(name);
            var snm = CleanName(abbreviation);
            voiceNames[staffs[0][0]] = (nm.Length > 0 ? $"nm=\"{nm}\"" : "") + (snm.Length > 0 ? $" snm=\"{snm}\"" : "");
        }
        var h = new StringBuilder();
        h.Append("X:1\n").Append(Title(root)).Append('\n');
        if (staves.Length > 0)
            h.Append("%%score ").Append(staves).Append('\n');
        h.Append("L:1/").Append(score.Options.UnitDenominator).Append('\n');
        if (score.Tempo is not null)
            h.Append($"Q:{score.TempoUnit.Num}/{score.TempoUnit.Den}={score.Tempo}\n");
        h.Append("M:").Append(score.Meter).Append('\n');
        h.Append("K:").Append(score.Key).Append('\n');
        foreach (var (voice, clef) in score.Clefs)
            h.Append($"V:{voice} {clef} {voiceNames.GetValueOrDefault(voice, "")}\n");
        return h.ToString();
    }

    private static string CleanName(string name) =>
        name.Replace("\n", "\\n", StringComparison.Ordinal).Replace(".:", ".", StringComparison.Ordinal).Trim(':');

    [GeneratedRegex(@"\s*[\r\n]\s*")]
    private static partial Regex LineBreaks();

    /// <summary>T: from work and movement titles and all credit words (filter level 6 keeps them), C: composers, Z: others.</summary>
    private static string Title(TreeElement root)
    {
        var title = (root.FindText("work/work-title") ?? "").Trim();
        var movement = (root.FindText("movement-title") ?? "").Trim();
        var composers = new List<string>();
        var others = new List<string>();
        foreach (var creator in root.FindAll("identification/creator"))
        {
            var text = creator.Text;
            if (text.Length == 0)
                continue;
            var lines = text.Split('\n').Select(l => l.Trim());
            var type = creator.Attr("type");
            if (type == "composer")
                composers.AddRange(lines);
            else if (type is "lyricist" or "transcriber")
                others.AddRange(lines);
        }
        foreach (var rights in root.FindAll("identification/rights"))
        {
            var text = rights.Text;
            if (text.Length > 0)
                others.AddRange(text.Split('\n').Select(l => l.Trim()));
        }
        var credits = root.Elements("credit")
            .Select(c => LineBreaks().Replace(string.Concat(c.Elements("credit-words").Select(w => w.Text)), " "))
            .ToList();
        var t = new StringBuilder();
        if (title.Length > 0)
            t.Append("T:").Append(title.Replace("\n", "\nT:", StringComparison.Ordinal)).Append('\n');
        if (movement.Length > 0)
            t.Append("T:").Append(movement.Replace("\n", "\nT:", StringComparison.Ordinal)).Append('\n');
        foreach (var c in credits)
            t.Append("T:").Append(c).Append('\n');
        foreach (var c in composers)
            t.Append("C:").Append(c).Append('\n');
        foreach (var z in others)
            t.Append("Z:").Append(z).Append('\n');
        return t.Length > 0 ? t.ToString(0, t.Length - 1) : "T:Title";
    }
}

/// <summary>The ABC text and the repairs the converter made on the way.</summary>
public sealed record AbcConversionResult(string Abc, IReadOnlyList<string> Warnings);
