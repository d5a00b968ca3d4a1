using System.Globalization;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>Small, exact readers over MusicXML elements (paths like <c>pitch/step</c>, integers that must be integers).</summary>
internal static class XmlText
{
    /// <summary>The first element along a slash path of child names, or null.</summary>
    public static XElement? Find(this XElement e, string path)
    {
        var slash = path.IndexOf('/');
        if (slash < 0)
            return e.Element(path);
        var head = path[..slash];
        var rest = path[(slash + 1)..];
        foreach (var child in e.Elements(head))
        {
            if (child.Find(rest) is { } hit)
                return hit;
        }
        return null;
    }

    /// <summary>All elements along a slash path, in document order.</summary>
    public static IEnumerable<XElement> FindAll(this XElement e, string path)
    {
        var slash = path.IndexOf('/');
        if (slash < 0)
            return e.Elements(path);
        var head = path[..slash];
        var rest = path[(slash + 1)..];
        return e.Elements(head).SelectMany(c => c.FindAll(rest));
    }

    /// <summary>Direct text of the first element on the path ("" when empty), or null when there is none.</summary>
    public static string? FindText(this XElement e, string path) => e.Find(path) is { } hit ? DirectText(hit) : null;

    /// <summary>The text before the first child element (what ElementTree calls <c>.text</c>).</summary>
    public static string DirectText(XElement e) => e.FirstNode is XText t ? t.Value : "";

    /// <summary>Parses an integer like Python's int(): surrounding blanks allowed, nothing else.</summary>
    public static bool TryInt(string? text, out long value) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static string Attr(this XElement e, string name, string fallback = "") => (string?)e.Attribute(name) ?? fallback;
}
