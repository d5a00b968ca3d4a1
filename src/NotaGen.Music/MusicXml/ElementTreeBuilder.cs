using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Xml;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Builds an <see cref="ElementTree"/> in one pass over an <see cref="XmlReader"/>, with the text and limits of
/// <see cref="XmlTreeReader"/>. An element's text is what an XDocument of the same file gives as ElementTree's
/// <c>.text</c>: all its text when it has no child element, else its first node's text (text merges up to a CDATA
/// section or an element).
/// </summary>
internal sealed class ElementTreeBuilder : XmlTreeReader
{
    private readonly ElementTree tree = ElementTree.Rent();
    private readonly Dictionary<string, int> nameIds = new(ReferenceEqualityComparer.Instance); // the reader's atomized names
    private int open = -1; // the innermost open element
    private bool openHasChild;
    private NodeKind lastNode;
    private int firstRunEnd = -1; // where the open element's first text node ends in Chars, once another node follows it
    private bool rootNamespaced;

    private enum NodeKind { None, Text, CData }

    private ElementTreeBuilder()
    {
    }

    /// <inheritdoc cref="XmlTreeReader.Read"/>
    public static ElementTree Build(XmlReader reader, int maxDepth, string file, CancellationToken cancel,
        IReadOnlySet<string>? attributes = null, IReadOnlySet<string>? skipped = null)
    {
        var builder = new ElementTreeBuilder();
        try
        {
            builder.Read(reader, maxDepth, file, cancel, attributes, skipped);
        }
        catch
        {
            builder.tree.Return();
            throw;
        }
        return builder.tree;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void StartElement(string localName, string namespaceUri)
    {
        if (open >= 0 && !openHasChild)
            CloseText(firstRunEnd >= 0 ? firstRunEnd : tree.CharCount); // an element with children has its first node's text
        var index = tree.ElementCount;
        if (index == 0)
            rootNamespaced = namespaceUri.Length > 0;
        var name = NameId(localName);
        if (index == tree.Elements.Length)
            Array.Resize(ref tree.Elements, index * 2);
        ref var element = ref tree.Elements[index];
        element = new ElementTree.Record
        {
            Name = name,
            // In a score without a namespace, an element in one matches no name; in a namespaced score, all match by
            // their local names (as if the namespace were stripped).
            MatchName = namespaceUri.Length == 0 || rootNamespaced ? name : -1,
            Parent = open,
            FirstChild = -1,
            NextSibling = -1,
            LastChild = -1,
            TextStart = tree.CharCount,
            FirstAttribute = tree.AttributeCount,
        };
        tree.ElementCount++;
        if (open >= 0)
        {
            ref var parent = ref tree.Elements[open];
            if (parent.LastChild >= 0)
                tree.Elements[parent.LastChild].NextSibling = index;
            else
                parent.FirstChild = index;
            parent.LastChild = index;
        }
        open = index;
        (openHasChild, lastNode, firstRunEnd) = (false, NodeKind.None, -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Attribute(string localName, string namespaceUri, ReadOnlySpan<char> value)
    {
        if (namespaceUri.Length > 0)
            return; // xmlns declarations, xlink:href: nothing the converter asks for
        if (tree.AttributeCount == tree.Attributes.Length)
            Array.Resize(ref tree.Attributes, tree.AttributeCount * 2);
        tree.Attributes[tree.AttributeCount++] = new ElementTree.AttributeRecord
        {
            Name = NameId(localName),
            ValueStart = tree.CharCount,
            ValueLength = value.Length,
        };
        Append(value);
        tree.Elements[open].TextStart = tree.CharCount; // the element's own text follows its attributes
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void EndElement()
    {
        if (!openHasChild)
            CloseText(tree.CharCount); // a leaf: all its text
        open = tree.Elements[open].Parent;
        (openHasChild, lastNode, firstRunEnd) = (true, NodeKind.None, -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Text(ReadOnlySpan<char> text)
    {
        if (openHasChild)
            return; // text after a child element: no element's .text
        if (lastNode == NodeKind.CData && firstRunEnd < 0)
            firstRunEnd = tree.CharCount; // text after a CDATA section is a node of its own
        lastNode = NodeKind.Text;
        Append(text);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void CData(ReadOnlySpan<char> text)
    {
        if (openHasChild)
            return;
        if (lastNode != NodeKind.None && firstRunEnd < 0)
            firstRunEnd = tree.CharCount; // a CDATA section is always a node of its own
        lastNode = NodeKind.CData;
        Append(text);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CloseText(int end)
    {
        ref var element = ref tree.Elements[open];
        element.TextLength = end - element.TextStart;
        openHasChild = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<char> text) => tree.CharCount += Append(ref tree.Chars, tree.CharCount, text);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int NameId(string name)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(nameIds, name, out var known);
        if (!known)
        {
            id = tree.Names.Count;
            tree.Names.Add(name);
        }
        return id;
    }
}
