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
/// The methods run per node here, in <see cref="ElementTreeBuilder"/> and in <see cref="TreeElement"/> are compiled
/// optimised from their first call, as are the converter's per-note methods: see <see cref="MusicXmlToAbc"/>.
/// </remarks>
internal abstract class XmlTreeReader
{
    /// <summary>Elements read between two looks at the cancellation token.</summary>
    private const int CancellationStride = 4096;

    /// <summary>An element starts (the attributes kept follow, through <see cref="Attribute"/>).</summary>
    protected abstract void StartElement(string localName, string namespaceUri);

    /// <summary>An attribute of the element just started.</summary>
    protected abstract void Attribute(string localName, string namespaceUri, ReadOnlySpan<char> value);

    /// <summary>The element last started and not ended ends.</summary>
    protected abstract void EndElement();

    /// <summary>Text in the open element; adjacent text merges into one node, as <c>XContainer.Add(string)</c> merges it.</summary>
    protected abstract void Text(ReadOnlySpan<char> text);

    /// <summary>A CDATA section in the open element: a node of its own.</summary>
    protected abstract void CData(ReadOnlySpan<char> text);

    // A node's text and an attribute's value are copied here rather than made strings: the reader would make one for
    // each, and for every indentation read, about 60 MB for the 55 MB of XML of 80 scores.
    private char[] value = new char[256];
    private char[] pending = new char[64]; // whitespace after a start tag, kept only if the element ends right after it
    private int pendingLength = -1;        // -1: none

    /// <param name="attributes">Local names of the attributes kept; null keeps every attribute.</param>
    /// <param name="skipped">Local names of the elements left out with their content (the root is always kept); null keeps every element.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void Read(XmlReader reader, int maxDepth, string file, CancellationToken cancel,
        IReadOnlySet<string>? attributes, IReadOnlySet<string>? skipped)
    {
        var kept = Atomized(reader, attributes);
        var left = Atomized(reader, skipped);
        var count = 0;
        var open = 0; // elements open in the tree: 0 is the document itself, where no text is kept
        // What an XDocument asks of the open element before it adds whitespace: has it a node yet, is its last node text.
        bool hasNodes = false, lastIsText = false;
        var skipDepth = -1; // the depth of the element being left out, or -1
        pendingLength = -1;
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
                    pendingLength = -1;
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
                                Attribute(reader.LocalName, reader.NamespaceURI, ReadValue(reader, 0));
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
                    if (pendingLength >= 0 && !hasNodes)
                        Text(pending.AsSpan(0, pendingLength));
                    pendingLength = -1;
                    EndElement();
                    open--;
                    (hasNodes, lastIsText) = (open > 0, false); // the element just ended is its parent's last node
                    break;
                case XmlNodeType.Text when skipDepth < 0:
                    var start = Math.Max(pendingLength, 0);
                    if (start > 0)
                        Append(ref value, 0, pending.AsSpan(0, start));
                    Text(ReadValue(reader, start));
                    pendingLength = -1;
                    (hasNodes, lastIsText) = (true, true);
                    break;
                case XmlNodeType.CDATA when skipDepth < 0:
                    CData(ReadValue(reader, 0));
                    pendingLength = -1;
                    (hasNodes, lastIsText) = (true, true);
                    break;
                case XmlNodeType.Whitespace when skipDepth < 0:
                case XmlNodeType.SignificantWhitespace when skipDepth < 0:
                    if (open == 0)
                        break;
                    if (lastIsText)
                        Text(ReadValue(reader, 0)); // between pieces of text: part of the text
                    else if (!hasNodes)
                        pendingLength = ReadValue(reader, ref pending, Math.Max(pendingLength, 0));
                    break;
                case XmlNodeType.EntityReference:
                    // The reader expands the entities it knows; any other is an error, as in XDocument.Load.
                    throw new MusicFormatException(file, Where(reader), $"unresolved entity reference &{reader.Name};");
            }
        }
    }

    /// <summary>The node's text, read into <see cref="value"/> after its first <paramref name="start"/> characters (kept).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<char> ReadValue(XmlReader reader, int start)
    {
        var length = ReadValue(reader, ref value, start); // may replace the buffer: the span is taken after
        return value.AsSpan(0, length);
    }

    /// <summary>Reads the node's text into <paramref name="buffer"/> after its first <paramref name="start"/> characters; returns the length in all.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadValue(XmlReader reader, ref char[] buffer, int start)
    {
        if (!reader.CanReadValueChunk) // an XDocument's reader, replaying a tree already read
            return start + Append(ref buffer, start, reader.Value);
        var length = start;
        while (true)
        {
            if (length == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
            var read = reader.ReadValueChunk(buffer, length, buffer.Length - length);
            if (read == 0)
                return length;
            length += read;
        }
    }

    /// <summary>Copies <paramref name="text"/> into <paramref name="buffer"/> at <paramref name="start"/>, growing it; returns its length.</summary>
    protected static int Append(ref char[] buffer, int start, ReadOnlySpan<char> text)
    {
        if (start + text.Length > buffer.Length)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, start + text.Length));
        text.CopyTo(buffer.AsSpan(start));
        return text.Length;
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
