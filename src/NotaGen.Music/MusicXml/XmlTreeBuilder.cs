using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Builds the element tree of a MusicXML document from an <see cref="XmlReader"/>, in one pass, instead of
/// <see cref="XDocument.Load(XmlReader)"/>: it leaves out the indentation between elements, which is about half of
/// the nodes of a typical export and half of the loading time, and nothing reads it (text is read from leaves only).
/// Whitespace that is the whole content of an element (<c>&lt;words&gt; &lt;/words&gt;</c>) is kept, as is
/// whitespace next to text. It also enforces the nesting limit and checks for cancellation as it reads.
/// Given the names of the attributes a reader looks at, it keeps only those: layout attributes (<c>default-x</c>,
/// <c>width</c>, fonts, colours) are most of a typical export's attributes and nothing in the conversion reads them.
/// Given the names of elements nobody reads, it leaves them out with all they hold (a note's <c>&lt;type&gt;</c>,
/// about one element in twelve of a typical export, and its lyrics); what is inside is still read through, so the
/// nesting limit, cancellation and malformed XML are caught there as anywhere else.
/// </summary>
internal static class XmlTreeBuilder
{
    /// <summary>Elements read between two looks at the cancellation token.</summary>
    private const int CancellationStride = 4096;

    /// <param name="attributes">Local names of the attributes kept; null keeps every attribute.</param>
    /// <param name="skipped">Local names of the elements left out with their content (the root is always kept); null keeps every element.</param>
    public static XDocument Build(XmlReader reader, int maxDepth, string file, CancellationToken cancel,
        IReadOnlySet<string>? attributes = null, IReadOnlySet<string>? skipped = null)
    {
        var document = new XDocument();
        XContainer current = document;
        string? pendingSpace = null; // whitespace after a start tag, kept only if the element ends right after it
        var count = 0;
        // XName.Get hashes into a global table on every call. The reader hands out its names from its name table, one
        // string object per name, so both tables compare strings by reference.
        var names = new Dictionary<string, XName>(ReferenceEqualityComparer.Instance);
        HashSet<string>? kept = null;
        if (attributes is not null)
        {
            kept = new HashSet<string>(ReferenceEqualityComparer.Instance);
            foreach (var name in attributes)
                kept.Add(reader.NameTable.Add(name));
        }
        HashSet<string>? left = null;
        if (skipped is not null)
        {
            left = new HashSet<string>(ReferenceEqualityComparer.Instance);
            foreach (var name in skipped)
                left.Add(reader.NameTable.Add(name));
        }
        var skipDepth = -1; // the depth of the element being left out, or -1
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth > maxDepth)
                        throw new MusicFormatException(file, Where(reader), $"elements nested more than {maxDepth} deep (the MusicXML reader's limit)");
                    if (++count % CancellationStride == 0)
                        cancel.ThrowIfCancellationRequested();
                    if (skipDepth >= 0)
                        break;
                    if (left is not null && reader.Depth > 0 && left.Contains(reader.LocalName)) // never the root: what it is is reported
                    {
                        pendingSpace = null;
                        if (!reader.IsEmptyElement)
                            skipDepth = reader.Depth;
                        break;
                    }
                    pendingSpace = null;
                    var element = new XElement(NameOf(reader, names));
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (kept is null || kept.Contains(reader.LocalName))
                                element.Add(new XAttribute(NameOf(reader, names), reader.Value));
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    current.Add(element);
                    if (!reader.IsEmptyElement)
                        current = element;
                    break;
                case XmlNodeType.EndElement:
                    if (skipDepth >= 0)
                    {
                        if (reader.Depth == skipDepth)
                            skipDepth = -1;
                        break;
                    }
                    if (pendingSpace is not null && current.FirstNode is null)
                        current.Add(pendingSpace);
                    pendingSpace = null;
                    current = current.Parent ?? (XContainer)document;
                    break;
                case XmlNodeType.Text when skipDepth < 0:
                    current.Add(pendingSpace + reader.Value); // XContainer.Add merges adjacent text, as XDocument.Load does
                    pendingSpace = null;
                    break;
                case XmlNodeType.CDATA when skipDepth < 0:
                    current.Add(new XCData(reader.Value));
                    pendingSpace = null;
                    break;
                case XmlNodeType.Whitespace when skipDepth < 0:
                case XmlNodeType.SignificantWhitespace when skipDepth < 0:
                    if (current is XElement && current.LastNode is XText)
                        current.Add(reader.Value); // between pieces of text: part of the text
                    else if (current is XElement && current.FirstNode is null)
                        pendingSpace += reader.Value;
                    break;
                case XmlNodeType.EntityReference:
                    // The reader expands the entities it knows; any other is an error, as in XDocument.Load.
                    throw new MusicFormatException(file, Where(reader), $"unresolved entity reference &{reader.Name};");
            }
        }
        return document;
    }

    /// <summary>The reader's current name as an XName, from the document's own table for names in no namespace.</summary>
    private static XName NameOf(XmlReader reader, Dictionary<string, XName> names)
    {
        if (reader.NamespaceURI.Length > 0)
            return XName.Get(reader.LocalName, reader.NamespaceURI);
        ref var name = ref CollectionsMarshal.GetValueRefOrAddDefault(names, reader.LocalName, out var known);
        if (!known)
            name = XName.Get(reader.LocalName);
        return name!;
    }

    private static string Where(XmlReader reader) =>
        reader is IXmlLineInfo line && line.HasLineInfo() ? $"{line.LineNumber}:{line.LinePosition}" : "";
}
