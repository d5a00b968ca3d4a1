using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>Small, exact readers over MusicXML elements (paths like <c>pitch/step</c>, integers that must be integers).</summary>
internal static class XmlText
{
    // Paths are walked over the child nodes with span comparisons of local names: no substrings and no XName
    // lookups (a string → XName conversion hashes the name on every call), which the reader does for every note.

    /// <summary>The first element along a slash path of child names, or null.</summary>
    public static XElement? Find(this XElement e, string path) => Find(e, path.AsSpan());

    private static XElement? Find(XElement e, ReadOnlySpan<char> path)
    {
        if (!e.HasElements)
            return null; // and no XText made by asking a text-only element for FirstNode
        var slash = path.IndexOf('/');
        var head = slash < 0 ? path : path[..slash];
        for (var node = e.FirstNode; node is not null; node = node.NextNode)
        {
            if (AsElement(node) is not { } child || !IsNamed(child, head))
                continue;
            if (slash < 0)
                return child;
            if (Find(child, path[(slash + 1)..]) is { } hit)
                return hit;
        }
        return null;
    }

    /// <summary>All elements along a slash path, in document order.</summary>
    public static IEnumerable<XElement> FindAll(this XElement e, string path)
    {
        List<XElement>? found = null; // most paths asked of a note (its tuplets, slurs, tied marks) find nothing
        Collect(e, path.AsSpan(), ref found);
        return found ?? (IEnumerable<XElement>)[];
    }

    private static void Collect(XElement e, ReadOnlySpan<char> path, ref List<XElement>? found)
    {
        if (!e.HasElements)
            return;
        var slash = path.IndexOf('/');
        var head = slash < 0 ? path : path[..slash];
        for (var node = e.FirstNode; node is not null; node = node.NextNode)
        {
            if (AsElement(node) is not { } child || !IsNamed(child, head))
                continue;
            if (slash < 0)
                (found ??= []).Add(child);
            else
                Collect(child, path[(slash + 1)..], ref found);
        }
    }

    /// <summary>
    /// The node as an element, or null. XElement is not sealed, so <c>node is XElement</c> calls the runtime's cast
    /// helper, about a twentieth of the conversion's time; the trees read here hold XElement itself, which an exact
    /// type comparison finds without a call.
    /// </summary>
    public static XElement? AsElement(XNode node) =>
        node.GetType() == typeof(XElement) ? Unsafe.As<XElement>(node) : node as XElement;

    /// <summary>What <c>Element(name)</c> matches: the local name, in no namespace.</summary>
    private static bool IsNamed(XElement e, ReadOnlySpan<char> name) =>
        e.Name.Namespace == NoNamespace && name.SequenceEqual(e.Name.LocalName);

    // XNamespace.None looks itself up through a weak reference on every use; held here, it is the same object.
    private static readonly XNamespace NoNamespace = XNamespace.None;

    /// <summary>Direct text of the first element on the path ("" when empty), or null when there is none.</summary>
    public static string? FindText(this XElement e, string path) => e.Find(path) is { } hit ? DirectText(hit) : null;

    /// <summary>The text before the first child element (what ElementTree calls <c>.text</c>).</summary>
    /// <remarks>
    /// <see cref="XmlTreeBuilder"/> adds all text as strings, so a leaf (step, duration, voice...) holds its text as one
    /// string, which <see cref="XElement.Value"/> returns as it is; asking it for <c>FirstNode</c> would first wrap the
    /// string in a new XText, about a million objects for 55 MB of MusicXML.
    /// </remarks>
    public static string DirectText(XElement e) => !e.HasElements ? e.Value : e.FirstNode is XText t ? t.Value : "";

    /// <summary>Parses an integer like Python's int(): surrounding blanks allowed, nothing else.</summary>
    public static bool TryInt(string? text, out long value) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>The value of the attribute with this local name in no namespace (what <c>Attribute(name)</c> finds), or <paramref name="fallback"/>.</summary>
    public static string Attr(this XElement e, string name, string fallback = "")
    {
        // Compared by local name rather than through a string → XName conversion, which hashes the name on every call.
        for (var a = e.FirstAttribute; a is not null; a = a.NextAttribute)
        {
            if (a.Name.Namespace == NoNamespace && a.Name.LocalName == name)
                return a.Value;
        }
        return fallback;
    }
}
