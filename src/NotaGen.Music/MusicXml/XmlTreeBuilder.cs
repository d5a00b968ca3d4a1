using System.Xml;
using System.Xml.Linq;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Builds the element tree of a MusicXML document from an <see cref="XmlReader"/>, in one pass, instead of
/// <see cref="XDocument.Load(XmlReader)"/>: it leaves out the indentation between elements, which is about half of
/// the nodes of a typical export and half of the loading time, and nothing reads it (text is read from leaves only).
/// Whitespace that is the whole content of an element (<c>&lt;words&gt; &lt;/words&gt;</c>) is kept, as is
/// whitespace next to text. It also enforces the nesting limit and checks for cancellation as it reads.
/// </summary>
internal static class XmlTreeBuilder
{
    /// <summary>Elements read between two looks at the cancellation token.</summary>
    private const int CancellationStride = 4096;

    public static XDocument Build(XmlReader reader, int maxDepth, string file, CancellationToken cancel)
    {
        var document = new XDocument();
        XContainer current = document;
        string? pendingSpace = null; // whitespace after a start tag, kept only if the element ends right after it
        var count = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth > maxDepth)
                        throw new MusicFormatException(file, Where(reader), $"elements nested more than {maxDepth} deep (the MusicXML reader's limit)");
                    if (++count % CancellationStride == 0)
                        cancel.ThrowIfCancellationRequested();
                    pendingSpace = null;
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            element.Add(new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    current.Add(element);
                    if (!reader.IsEmptyElement)
                        current = element;
                    break;
                case XmlNodeType.EndElement:
                    if (pendingSpace is not null && current.FirstNode is null)
                        current.Add(pendingSpace);
                    pendingSpace = null;
                    current = current.Parent ?? (XContainer)document;
                    break;
                case XmlNodeType.Text:
                    current.Add(pendingSpace + reader.Value); // XContainer.Add merges adjacent text, as XDocument.Load does
                    pendingSpace = null;
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(reader.Value));
                    pendingSpace = null;
                    break;
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
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

    private static string Where(XmlReader reader) =>
        reader is IXmlLineInfo line && line.HasLineInfo() ? $"{line.LineNumber}:{line.LinePosition}" : "";
}
