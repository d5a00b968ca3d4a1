using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NotaGen.Corpus.Sources;

/// <summary>
/// Splits a partwise MusicXML score that holds several movements (OpenScore's string quartets are whole works in one
/// file) into one score per movement. Boundaries are read from the first part; a movement starts at measure m when
/// <list type="bullet">
/// <item>the measure before m ends with a final barline (light-heavy), and m restarts the measure numbers (0 or 1
/// after a number above 1) or opens with a movement heading (a roman numeral: "II.", "III. Scherzo", "IV"); or</item>
/// <item>m restarts the measure numbers and opens with a movement heading (attacca movements end on a double bar).</item>
/// </list>
/// A new tempo after a final barline alone is not enough: variation sets end every variation that way. Each movement
/// after the first gets the divisions, key, time, staves, clefs and transposition in force where it starts, since
/// scores state them only when they change.
/// </summary>
public static partial class MovementSplitter
{
    /// <summary>The order MusicXML's schema gives the children of &lt;attributes&gt; that are carried into a movement.</summary>
    private static readonly string[] CarriedAttributes = ["divisions", "key", "time", "staves", "part-symbol", "instruments", "clef", "staff-details", "transpose"];

    /// <summary>Indexes (into the first part's measures) where a movement other than the first starts.</summary>
    public static IReadOnlyList<int> MovementStarts(XDocument score)
    {
        var part = score.Root?.Elements("part").FirstOrDefault();
        if (part is null) return [];
        var measures = part.Elements("measure").ToList();
        var starts = new List<int>();
        int? previousNumber = null;
        var previousFinal = false;
        for (var i = 0; i < measures.Count; i++)
        {
            var number = int.TryParse((string?)measures[i].Attribute("number"), out var n) ? n : (int?)null;
            if (i > 0)
            {
                var restarts = number is <= 1 && previousNumber is > 1;
                var heading = OpensWithHeading(measures[i]);
                if ((previousFinal && (restarts || heading)) || (restarts && heading))
                    starts.Add(i);
            }
            previousFinal = measures[i].Elements("barline")
                .Any(b => ((string?)b.Attribute("location") ?? "right") == "right" && (string?)b.Element("bar-style") == "light-heavy");
            if (number is not null) previousNumber = number;
        }
        return starts;
    }

    /// <summary>The movements of <paramref name="score"/>: the score itself when it has one, else one new document per movement.</summary>
    public static IReadOnlyList<XDocument> Split(XDocument score)
    {
        var starts = MovementStarts(score);
        if (starts.Count == 0) return [score];
        var bounds = starts.Prepend(0).Append(int.MaxValue).ToList();
        var movements = new List<XDocument>();
        for (var k = 0; k + 1 < bounds.Count; k++)
        {
            var copy = new XDocument(score);
            foreach (var part in copy.Root!.Elements("part"))
                KeepMeasures(part, bounds[k], bounds[k + 1]);
            movements.Add(copy);
        }
        return movements;
    }

    /// <summary>Leaves measures [from, to) of the part, with the attributes in force at <paramref name="from"/> restated there.</summary>
    private static void KeepMeasures(XElement part, int from, int to)
    {
        var measures = part.Elements("measure").ToList();
        var inForce = new Dictionary<(string Name, string? Number), XElement>();
        for (var i = 0; i < Math.Min(from, measures.Count); i++)
            foreach (var attributes in measures[i].Elements("attributes"))
                foreach (var child in attributes.Elements().Where(c => CarriedAttributes.Contains(c.Name.LocalName)))
                    inForce[(child.Name.LocalName, (string?)child.Attribute("number"))] = child;
        for (var i = 0; i < measures.Count; i++)
            if (i < from || i >= to) measures[i].Remove();
        if (from > 0 && from < measures.Count)
            Restate(measures[from], inForce);
    }

    private static void Restate(XElement measure, Dictionary<(string Name, string? Number), XElement> inForce)
    {
        var own = measure.Element("attributes");
        var merged = new Dictionary<(string Name, string? Number), XElement>(inForce);
        foreach (var child in own?.Elements().Where(c => CarriedAttributes.Contains(c.Name.LocalName)) ?? [])
            merged[(child.Name.LocalName, (string?)child.Attribute("number"))] = child;
        var restated = new XElement("attributes");
        foreach (var name in CarriedAttributes)
            foreach (var (_, element) in merged.Where(kv => kv.Key.Name == name).OrderBy(kv => kv.Key.Number, StringComparer.Ordinal))
                restated.Add(new XElement(element));
        // Children that are not carried (directives, measure styles) stay, after the restated ones.
        foreach (var other in own?.Elements().Where(c => !CarriedAttributes.Contains(c.Name.LocalName)) ?? [])
            restated.Add(new XElement(other));
        if (own is not null)
        {
            own.ReplaceWith(restated);
            return;
        }
        // <attributes> comes after <print> (and the measure's leading <barline>s are allowed before it by converters).
        var anchor = measure.Elements().TakeWhile(e => e.Name.LocalName is "print").LastOrDefault();
        if (anchor is null) measure.AddFirst(restated);
        else anchor.AddAfterSelf(restated);
    }

    private static bool OpensWithHeading(XElement measure) =>
        measure.Elements("direction").Take(4).SelectMany(d => d.Descendants("words"))
            .Any(words => Heading().IsMatch(words.Value));

    [GeneratedRegex(@"^\s*[IVX]{1,5}\b\.?(\s|:|$)")]
    private static partial Regex Heading();
}
