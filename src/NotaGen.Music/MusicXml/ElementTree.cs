using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// A MusicXML document as the converter reads it: elements, the attributes it reads and each element's text, held in
/// flat arrays of plain records. An <see cref="System.Xml.Linq.XDocument"/> of the same file is about a million objects
/// for 55 MB of MusicXML, all alive until the conversion ends, so the garbage collector copies them from generation to
/// generation; this tree is a few arrays and no object per node. Named after Python's ElementTree, which NotaGen's
/// converter reads MusicXML with, and answers the same questions (<c>find</c>, <c>findall</c>, <c>findtext</c>,
/// <c>get</c>, <c>.text</c>) through <see cref="TreeElement"/>.
/// </summary>
internal sealed class ElementTree
{
    /// <summary>One element, in document order; 0 is the root.</summary>
    internal struct Record
    {
        public int Name;          // index into Names
        public int Parent;        // -1 for the root
        public int FirstChild;    // -1 when none
        public int NextSibling;   // -1 when none
        public int LastChild;     // -1 when none; used while building
        public int TextStart;     // the element's text (ElementTree's .text) in Chars
        public int TextLength;
        public int FirstAttribute; // its attributes are [FirstAttribute, next element's FirstAttribute)
        public int MatchName;     // Name, or -1 for an element no name matches (see TreeElement.Is)
    }

    /// <summary>An attribute in no namespace (the only ones the converter asks for).</summary>
    internal struct AttributeRecord
    {
        public int Name;
        public int ValueStart;
        public int ValueLength;
    }

    /// <summary>
    /// Trees given back and kept for the next conversion, at most <see cref="MaxKept"/> of them, each no larger than
    /// what a 10 MB document needs (a 9.2 MB Brahms symphony movement: 220,000 elements, 71,000 attributes, 0.55
    /// million characters of text): a long-running process (the web page, the kernel) keeps at most about 70 MB of them,
    /// whatever its number of threads.
    /// </summary>
    private static readonly ConcurrentStack<ElementTree> Kept = new();

    private const int MaxKept = 4, MaxKeptElements = 1 << 18, MaxKeptChars = 1 << 21;

    internal Record[] Elements = new Record[1024];
    internal int ElementCount;
    internal AttributeRecord[] Attributes = new AttributeRecord[256];
    internal int AttributeCount;
    internal char[] Chars = new char[4096];
    internal int CharCount;
    internal readonly List<string> Names = [];

    private readonly Dictionary<string, int> nameIds; // Names' ids, to find a name asked for
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> nameIdLookup;
    private readonly Dictionary<string, int[]> paths = new(ReferenceEqualityComparer.Instance);

    /// <summary>Texts up to this long are shared (<see cref="String"/>), up to this many of them per tree.</summary>
    private const int MaxSharedLength = 12, MaxShared = 1 << 14;
    private readonly HashSet<string> shared;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> sharedLookup;

    private ElementTree()
    {
        shared = new HashSet<string>(StringComparer.Ordinal);
        nameIds = new Dictionary<string, int>(StringComparer.Ordinal);
        nameIdLookup = nameIds.GetAlternateLookup<ReadOnlySpan<char>>();
        sharedLookup = shared.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// An empty tree, one given back when there is one. Its arrays, grown for a large score, are on the large object
    /// heap; made anew for each file they were most of what a batch allocated, and each allocation there counts towards
    /// a full collection.
    /// </summary>
    public static ElementTree Rent() => Kept.TryPop(out var tree) ? tree : new ElementTree();

    /// <summary>Gives the tree back for reuse; no element of it may be read afterwards.</summary>
    public void Return()
    {
        (ElementCount, AttributeCount, CharCount) = (0, 0, 0);
        Names.Clear();
        nameIds.Clear();
        paths.Clear();
        if (Elements.Length <= MaxKeptElements && Attributes.Length <= MaxKeptElements && Chars.Length <= MaxKeptChars && Kept.Count < MaxKept)
            Kept.Push(this);
    }

    /// <summary>The root element, or null for a document with none.</summary>
    public TreeElement? Root => ElementCount > 0 ? new TreeElement(this, 0) : null;

    /// <summary>The id of an element name of this document, or -1 when no element has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int NameId(ReadOnlySpan<char> name)
    {
        for (var i = nameIds.Count; i < Names.Count; i++)
            nameIds[Names[i]] = i; // names are added while the tree is built, before anybody asks
        return nameIdLookup.TryGetValue(name, out var id) ? id : -1;
    }

    /// <summary>
    /// The name ids of a slash path's steps. The converter asks the same few dozen paths (constants of its code, one
    /// string object each: a path made per call would be split per call) for every note: each is split and looked up
    /// once per document, and the walk compares numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int[] PathIds(string path)
    {
        ref var ids = ref CollectionsMarshal.GetValueRefOrAddDefault(paths, path, out var known);
        if (!known)
        {
            var steps = path.Split('/');
            ids = new int[steps.Length];
            for (var i = 0; i < steps.Length; i++)
                ids[i] = NameId(steps[i]);
        }
        return ids!;
    }

    internal ReadOnlySpan<char> Span(int start, int length) => Chars.AsSpan(start, length);

    /// <summary>
    /// The text at this place as a string. Short texts (a step, a duration, a voice, "start") are asked for again and
    /// again, for every note; they are made once per tree (which is reused) and kept, instead of once per question.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal string String(int start, int length)
    {
        if (length == 0)
            return "";
        var text = Span(start, length);
        if (length > MaxSharedLength)
            return new string(text);
        if (sharedLookup.TryGetValue(text, out var known))
            return known;
        var made = new string(text);
        if (shared.Count < MaxShared)
            shared.Add(made);
        return made;
    }

    internal int AttributeEnd(int element) => element + 1 < ElementCount ? Elements[element + 1].FirstAttribute : AttributeCount;
}
