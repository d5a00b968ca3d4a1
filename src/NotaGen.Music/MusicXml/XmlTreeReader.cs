using System.Runtime.CompilerServices;
using System.Xml;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Reads an <see cref="XmlReader"/> in one pass and tells a tree what it holds: elements, their attributes and the text
/// the converter reads. It leaves out the indentation between elements, about half of the nodes of a typical export and
/// half of the loading time, which nothing reads (text is read from leaves only). Whitespace that is the whole content of
/// an element (<c>&lt;words&gt; &lt;/words&gt;</c>) is kept, as is whitespace next to text. It also enforces the nesting
/// limit and checks for cancellation as it reads.
/// Given the names of the attributes a reader looks at, it keeps only those: layout attributes (<c>default-x</c>,
/// <c>width</c>, fonts, colours) are most of a typical export's attributes and nothing in the conversion reads them.
/// Given the names of elements nobody reads, it leaves them out with all they hold (a note's <c>&lt;type&gt;</c>,
/// about one element in twelve of a typical export, and its lyrics); what is inside is still read through, so the
/// nesting limit, cancellation and malformed XML are caught there as anywhere else.
/// </summary>
/// <remarks>
/// Two trees are built this way: <see cref="XDocumentBuilder"/> (an <see cref="System.Xml.Linq.XDocument"/>, for callers
/// that edit a score) and <see cref="ElementTreeBuilder"/> (the converter's flat tree). Whitespace is decided here, once,
/// by the rules an XDocument applies to the text added to it, so both trees hold the same text.
/// The methods run per node here, in <see cref="ElementTreeBuilder"/> and in <see cref="TreeElement"/>'s path walks are
/// compiled optimised from their first call (<see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>):
/// a folder of scores converts in about a second, most of which passes before tiered compilation would have optimised
/// them, and building the trees of 80 scores took 1.0–1.2 s in a fresh process against 0.55 s in a warm one.
/// </remarks>
internal abstract class XmlTreeReader
{
    /// <summary>Elements read between two looks at the cancellation token.</summary>
    private const int CancellationStride = 4096;

    /// <summary>An element starts (the attributes kept follow, through <see cref="Attribute"/>).</summary>
    protected abstract void StartElement(string localName, string namespaceUri);

    /// <summary>An attribute of the element just started.</summary>
    protected abstract void Attribute(string localName, string namespaceUri, string value);

    /// <summary>The element last started and not ended ends.</summary>
    protected abstract void EndElement();

    /// <summary>Text in the open element; adjacent text merges into one node, as <c>XContainer.Add(string)</c> merges it.</summary>
    protected abstract void Text(string text);

    /// <summary>A CDATA section in the open element: a node of its own.</summary>
    protected abstract void CData(string text);

    /// <param name="attributes">Local names of the attributes kept; null keeps every attribute.</param>
    /// <param name="skipped">Local names of the elements left out with their content (the root is always kept); null keeps every element.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void Read(XmlReader reader, int maxDepth, string file, CancellationToken cancel,
        IReadOnlySet<string>? attributes, IReadOnlySet<string>? skipped)
    {
        var kept = Atomized(reader, attributes);
        var left = Atomized(reader, skipped);
        string? pendingSpace = null; // whitespace after a start tag, kept only if the element ends right after it
        var count = 0;
        var open = 0; // elements open in the tree: 0 is the document itself, where no text is kept
        // What an XDocument asks of the open element before it adds whitespace: has it a node yet, is its last node text.
        bool hasNodes = false, lastIsText = false;
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
                    pendingSpace = null;
                    if (left is not null && reader.Depth > 0 && left.Contains(reader.LocalName)) // never the root: what it is is reported
                    {
                        if (!reader.IsEmptyElement)
                            skipDepth = reader.Depth;
                        break;
                    }
                    StartElement(reader.LocalName, reader.NamespaceURI);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (kept is null || kept.Contains(reader.LocalName))
                                Attribute(reader.LocalName, reader.NamespaceURI, reader.Value);
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    if (reader.IsEmptyElement)
                    {
                        EndElement();
                        (hasNodes, lastIsText) = (open > 0, false);
                    }
                    else
                    {
                        open++;
                        (hasNodes, lastIsText) = (false, false);
                    }
                    break;
                case XmlNodeType.EndElement:
                    if (skipDepth >= 0)
                    {
                        if (reader.Depth == skipDepth)
                            skipDepth = -1;
                        break;
                    }
                    if (pendingSpace is not null && !hasNodes)
                        Text(pendingSpace);
                    pendingSpace = null;
                    EndElement();
                    open--;
                    (hasNodes, lastIsText) = (open > 0, false); // the element just ended is its parent's last node
                    break;
                case XmlNodeType.Text when skipDepth < 0:
                    Text(pendingSpace + reader.Value);
                    pendingSpace = null;
                    (hasNodes, lastIsText) = (true, true);
                    break;
                case XmlNodeType.CDATA when skipDepth < 0:
                    CData(reader.Value);
                    pendingSpace = null;
                    (hasNodes, lastIsText) = (true, true);
                    break;
                case XmlNodeType.Whitespace when skipDepth < 0:
                case XmlNodeType.SignificantWhitespace when skipDepth < 0:
                    if (open == 0)
                        break;
                    if (lastIsText)
                        Text(reader.Value); // between pieces of text: part of the text
                    else if (!hasNodes)
                        pendingSpace += reader.Value;
                    break;
                case XmlNodeType.EntityReference:
                    // The reader expands the entities it knows; any other is an error, as in XDocument.Load.
                    throw new MusicFormatException(file, Where(reader), $"unresolved entity reference &{reader.Name};");
            }
        }
    }

    /// <summary>
    /// The names as the reader's own strings: it hands out every name from its name table, one string object per name,
    /// so a set compares them by reference.
    /// </summary>
    private static HashSet<string>? Atomized(XmlReader reader, IReadOnlySet<string>? names)
    {
        if (names is null)
            return null;
        var atomized = new HashSet<string>(ReferenceEqualityComparer.Instance);
        foreach (var name in names)
            atomized.Add(reader.NameTable.Add(name));
        return atomized;
    }

    private static string Where(XmlReader reader) =>
        reader is IXmlLineInfo line && line.HasLineInfo() ? $"{line.LineNumber}:{line.LinePosition}" : "";
}
