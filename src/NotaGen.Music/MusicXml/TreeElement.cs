using System.Collections;
using System.Runtime.CompilerServices;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// An element of an <see cref="ElementTree"/>: its name, attributes, text and children, and paths of child names
/// (<c>pitch/step</c>) as ElementTree's <c>find</c>/<c>findall</c>/<c>findtext</c> walk them.
/// </summary>
internal readonly struct TreeElement : IEquatable<TreeElement>
{
    private readonly ElementTree tree;
    private readonly int index;

    public TreeElement(ElementTree tree, int index) => (this.tree, this.index) = (tree, index);

    private ref ElementTree.Record Record => ref tree.Elements[index];

    /// <summary>The local name, whatever its namespace.</summary>
    public string LocalName => tree.Names[Record.Name];

    /// <summary>Whether the element has this local name and is in no namespace (or the whole score is in one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Is(string name) => Record.MatchName >= 0 && Record.MatchName == tree.NameId(name);

    public bool HasElements => Record.FirstChild >= 0;

    public TreeElement? Parent => Record.Parent >= 0 ? new TreeElement(tree, Record.Parent) : null;

    /// <summary>
    /// ElementTree's <c>.text</c>: all the element's text when it has no child element, else the text before its first
    /// child ("" when none).
    /// </summary>
    public string Text
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get => tree.String(Record.TextStart, Record.TextLength);
    }

    /// <summary>Whether <see cref="Text"/> is exactly <paramref name="text"/>, without making a string of it.</summary>
    public bool TextIs(string text) => tree.Span(Record.TextStart, Record.TextLength).SequenceEqual(text);

    /// <summary>The value of the attribute with this local name in no namespace, or <paramref name="fallback"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Attr(string name, string fallback = "") => AttrOrNull(name) ?? fallback;

    /// <summary>The value of the attribute with this local name in no namespace, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? AttrOrNull(string name)
    {
        for (int a = Record.FirstAttribute, end = tree.AttributeEnd(index); a < end; a++)
        {
            ref var attribute = ref tree.Attributes[a];
            if (name.AsSpan().SequenceEqual(tree.Names[attribute.Name]))
                return tree.String(attribute.ValueStart, attribute.ValueLength);
        }
        return null;
    }

    /// <summary>The child elements.</summary>
    public Children Elements() => new(tree, Record.FirstChild, -1);

    /// <summary>The child elements with this name (see <see cref="Is"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Children Elements(string name) => tree.NameId(name) is var id and >= 0 ? new(tree, Record.FirstChild, id) : default;

    /// <summary>The first element along a slash path of child names, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TreeElement? Find(string path)
    {
        var found = Find(index, tree.PathIds(path), 0);
        return found >= 0 ? new TreeElement(tree, found) : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(int element, int[] path, int step)
    {
        var name = path[step];
        if (name < 0)
            return -1; // no element of the document has that name
        for (var child = tree.Elements[element].FirstChild; child >= 0; child = tree.Elements[child].NextSibling)
        {
            if (tree.Elements[child].MatchName != name)
                continue;
            if (step == path.Length - 1)
                return child;
            if (Find(child, path, step + 1) is var hit and >= 0)
                return hit;
        }
        return -1;
    }

    /// <summary>The text of the first element on the path ("" when it has none), or null when there is no such element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? FindText(string path) => Find(path)?.Text;

    /// <summary>All elements along a slash path, in document order.</summary>
    public IReadOnlyList<TreeElement> FindAll(string path)
    {
        List<TreeElement>? found = null; // most paths asked of a note (its tuplets, slurs, tied marks) find nothing
        Collect(index, tree.PathIds(path), 0, ref found);
        return found ?? (IReadOnlyList<TreeElement>)[];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Collect(int element, int[] path, int step, ref List<TreeElement>? found)
    {
        var name = path[step];
        if (name < 0)
            return;
        for (var child = tree.Elements[element].FirstChild; child >= 0; child = tree.Elements[child].NextSibling)
        {
            if (tree.Elements[child].MatchName != name)
                continue;
            if (step == path.Length - 1)
                (found ??= []).Add(new TreeElement(tree, child));
            else
                Collect(child, path, step + 1, ref found);
        }
    }

    public bool Equals(TreeElement other) => ReferenceEquals(tree, other.tree) && index == other.index;

    public override bool Equals(object? obj) => obj is TreeElement other && Equals(other);

    public override int GetHashCode() => index;

    public static bool operator ==(TreeElement left, TreeElement right) => left.Equals(right);

    public static bool operator !=(TreeElement left, TreeElement right) => !left.Equals(right);

    /// <summary>Child elements, optionally of one name; a struct enumerator for <c>foreach</c>, LINQ through the interface.</summary>
    /// <remarks>The default value has no elements.</remarks>
    public readonly struct Children(ElementTree? tree, int first, int name) : IEnumerable<TreeElement>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Enumerator GetEnumerator() => tree is null ? default : new(tree, first, name);

        IEnumerator<TreeElement> IEnumerable<TreeElement>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Child elements whose <see cref="ElementTree.Record.MatchName"/> is <c>name</c> (any when it is -1).</summary>
        public struct Enumerator(ElementTree tree, int first, int name) : IEnumerator<TreeElement>
        {
            private int current = -1;
            private bool started;

            public readonly TreeElement Current => new(tree, current);

            readonly object IEnumerator.Current => Current;

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public bool MoveNext()
            {
                if (tree is null || (started && current < 0))
                    return false;
                current = started ? tree.Elements[current].NextSibling : first;
                started = true;
                while (current >= 0 && name >= 0 && tree.Elements[current].MatchName != name)
                    current = tree.Elements[current].NextSibling;
                return current >= 0;
            }

            public void Reset() => (current, started) = (-1, false);

            public readonly void Dispose()
            {
            }
        }
    }
}
