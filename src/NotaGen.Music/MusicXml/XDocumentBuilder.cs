using System.Runtime.InteropServices;
using System.Xml;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Builds the <see cref="XDocument"/> of a MusicXML file in one pass, instead of <see cref="XDocument.Load(XmlReader)"/>:
/// without the indentation between elements, and with the limits of <see cref="XmlTreeReader"/>.
/// </summary>
internal sealed class XDocumentBuilder : XmlTreeReader
{
    private readonly XDocument document = new();
    private XContainer current;
    private XElement? started;

    // XName.Get hashes into a global table on every call. The reader hands out its names from its name table, one
    // string object per name, so this table compares strings by reference.
    private readonly Dictionary<string, XName> names = new(ReferenceEqualityComparer.Instance);

    private XDocumentBuilder() => current = document;

    /// <inheritdoc cref="XmlTreeReader.Read"/>
    public static XDocument Build(XmlReader reader, int maxDepth, string file, CancellationToken cancel,
        IReadOnlySet<string>? attributes = null, IReadOnlySet<string>? skipped = null)
    {
        var builder = new XDocumentBuilder();
        builder.Read(reader, maxDepth, file, cancel, attributes, skipped);
        return builder.document;
    }

    protected override void StartElement(string localName, string namespaceUri)
    {
        started = new XElement(NameOf(localName, namespaceUri));
        current.Add(started);
        current = started;
    }

    protected override void Attribute(string localName, string namespaceUri, ReadOnlySpan<char> value) =>
        started!.Add(new XAttribute(NameOf(localName, namespaceUri), value.ToString()));

    protected override void EndElement() => current = current.Parent ?? (XContainer)document;

    protected override void Text(ReadOnlySpan<char> text) => current.Add(text.ToString()); // XContainer.Add merges adjacent text

    protected override void CData(ReadOnlySpan<char> text) => current.Add(new XCData(text.ToString()));

    /// <summary>The name as an XName, from the document's own table for names in no namespace.</summary>
    private XName NameOf(string localName, string namespaceUri)
    {
        if (namespaceUri.Length > 0)
            return XName.Get(localName, namespaceUri);
        ref var name = ref CollectionsMarshal.GetValueRefOrAddDefault(names, localName, out var known);
        if (!known)
            name = XName.Get(localName);
        return name!;
    }
}
