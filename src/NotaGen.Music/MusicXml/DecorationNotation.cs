using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// What an ABC decoration (by its ABC 2.1 name, shorthands resolved) becomes in MusicXML: a mark on the note
/// (inside <c>&lt;notations&gt;</c>, possibly in a group such as <c>articulations</c>) or a direction of its own
/// (dynamics, wedges, segno, coda, jump words). Unknown decorations become nothing.
/// </summary>
internal static class DecorationNotation
{
    /// <summary>A mark on a note: the group it sits in inside notations (null: directly), and the element.</summary>
    public sealed record NoteMark(string? Group, XElement Element, bool OnEveryChordNote = false);

    public static readonly IReadOnlySet<string> Dynamics = new HashSet<string>(StringComparer.Ordinal)
    {
        "pppp", "ppp", "pp", "p", "mp", "mf", "f", "ff", "fff", "ffff", "sfz", "sf", "sfp", "fp", "rfz", "fz",
    };

    public static NoteMark? ForNote(string name) => name switch
    {
        "staccato" => Articulation("staccato"),
        "accent" or ">" or "emphasis" => Articulation("accent"),
        "tenuto" => Articulation("tenuto"),
        "wedge" => Articulation("staccatissimo"),
        "^" or "marcato" => Articulation("strong-accent"),
        "breath" => Articulation("breath-mark"),
        "trill" => Ornament("trill-mark"),
        "lowermordent" or "mordent" => Ornament("mordent"),
        "uppermordent" or "pralltriller" => Ornament("inverted-mordent"),
        "turn" => Ornament("turn"),
        "invertedturn" or "turnx" => Ornament("inverted-turn"),
        // The Irish roll has no MusicXML sign; a turn is the ornament it is played as.
        "roll" => Ornament("turn"),
        "/" or "//" or "///" => new NoteMark("ornaments", new XElement("tremolo", new XAttribute("type", "single"), name.Length)),
        "upbow" => Technical("up-bow"),
        "downbow" => Technical("down-bow"),
        "open" => Technical("open-string"),
        "snap" => Technical("snap-pizzicato"),
        "thumb" => Technical("thumb-position"),
        "plus" => Technical("stopped"),
        "0" or "1" or "2" or "3" or "4" or "5" => new NoteMark("technical", new XElement("fingering", name)),
        "fermata" => new NoteMark(null, new XElement("fermata", new XAttribute("type", "upright"))),
        "invertedfermata" => new NoteMark(null, new XElement("fermata", new XAttribute("type", "inverted"))),
        "arpeggio" => new NoteMark(null, new XElement("arpeggiate"), OnEveryChordNote: true),
        _ => null,
    };

    /// <summary>The direction-type content and placement for a decoration that is a direction, or null.</summary>
    public static (XElement Type, string Placement)? ForDirection(string name)
    {
        if (Dynamics.Contains(name))
            return (new XElement("direction-type", new XElement("dynamics", new XElement(name))), "below");
        return name switch
        {
            "<(" or "crescendo(" => (Wedge("crescendo"), "below"),
            ">(" or "diminuendo(" => (Wedge("diminuendo"), "below"),
            "<)" or ">)" or "crescendo)" or "diminuendo)" => (Wedge("stop"), "below"),
            "segno" => (new XElement("direction-type", new XElement("segno")), "above"),
            "coda" => (new XElement("direction-type", new XElement("coda")), "above"),
            "D.C." or "dacapo" => (Words("D.C."), "above"),
            "D.S." or "dalsegno" => (Words("D.S."), "above"),
            "fine" => (Words("Fine"), "above"),
            "dacoda" => (Words("To Coda"), "above"),
            _ => null,
        };
    }

    /// <summary>True for a wedge start (<c>&lt;(</c>, <c>&gt;(</c>), false for a wedge end, null for anything else.</summary>
    public static bool? WedgeStarts(string name) => name switch
    {
        "<(" or "crescendo(" or ">(" or "diminuendo(" => true,
        "<)" or ">)" or "crescendo)" or "diminuendo)" => false,
        _ => null,
    };

    public static XElement Words(string text) => new("direction-type", new XElement("words", text));

    private static XElement Wedge(string type) => new("direction-type", new XElement("wedge", new XAttribute("type", type), new XAttribute("number", 1)));

    private static NoteMark Articulation(string name) => new("articulations", new XElement(name));

    private static NoteMark Ornament(string name) => new("ornaments", new XElement(name));

    private static NoteMark Technical(string name) => new("technical", new XElement(name));
}
