namespace NotaGen.Generation.Constraints;

/// <summary>
/// A trie over a finite set of ASCII strings, read one character at a time: which characters continue a spelling and
/// where a spelling is complete. Nodes are ints (0 is the root); an optional value per complete spelling.
/// </summary>
internal sealed class StringTrie
{
    private readonly List<int[]> _children = [];
    private readonly List<int> _values = [];

    public StringTrie(IEnumerable<(string Text, int Value)> entries)
    {
        NewNode();
        foreach (var (text, value) in entries)
        {
            var node = 0;
            foreach (var c in text)
            {
                if (c >= 128)
                    throw new ArgumentException($"not ASCII: '{text}'");
                var next = _children[node][c];
                if (next == 0)
                {
                    next = NewNode();
                    _children[node][c] = next;
                }
                node = next;
            }
            _values[node] = value;
        }
    }

    public StringTrie(IEnumerable<string> texts)
        : this(texts.Select(t => (t, 0)))
    {
    }

    /// <summary>The child of <paramref name="node"/> along <paramref name="c"/>, or -1.</summary>
    public int Child(int node, int c) => c is < 0 or >= 128 ? -1 : _children[node][c] is var next && next > 0 ? next : -1;

    /// <summary>True when a spelling ends at <paramref name="node"/>.</summary>
    public bool IsComplete(int node) => _values[node] != NoValue;

    /// <summary>The value of the spelling ending at <paramref name="node"/>.</summary>
    public int Value(int node) => _values[node];

    /// <summary>True when no spelling continues past <paramref name="node"/>.</summary>
    public bool IsLeaf(int node) => Array.TrueForAll(_children[node], n => n == 0);

    public int NodeCount => _children.Count;

    /// <summary>Values of every spelling at or below each node (for feasibility checks).</summary>
    public int[][] SubtreeValues()
    {
        var result = new int[NodeCount][];
        for (var node = NodeCount - 1; node >= 0; node--)
            result[node] = Collect(node).Distinct().Order().ToArray();
        return result;
    }

    private IEnumerable<int> Collect(int node)
    {
        if (IsComplete(node))
            yield return _values[node];
        foreach (var child in _children[node])
        {
            if (child == 0)
                continue;
            foreach (var value in Collect(child))
                yield return value;
        }
    }

    private const int NoValue = int.MinValue;

    private int NewNode()
    {
        _children.Add(new int[128]);
        _values.Add(NoValue);
        return _children.Count - 1;
    }
}
