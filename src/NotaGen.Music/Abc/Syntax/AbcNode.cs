namespace NotaGen.Music.Abc.Syntax;

/// <summary>Where a node starts in the source text: 1-based line and column, 0-based character offset.</summary>
public readonly record struct AbcPosition(int Line, int Column, int Offset)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// Base of every syntax node. A parsed node remembers the exact text it was read from, so
/// <see cref="Writing.AbcWriter"/> reproduces unmodified input character for character.
/// A node changed with a <c>with</c> expression (or built in code) has no source text and is written in
/// canonical form: the copy constructor below deliberately keeps the position but drops the source.
/// </summary>
public abstract record AbcNode
{
    protected AbcNode()
    {
    }

    protected AbcNode(AbcNode original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Position = original.Position;
    }

    /// <summary>Where the node started in the parsed text; default for nodes built in code.</summary>
    public AbcPosition Position { get; init; }

    /// <summary>The exact text the node was parsed from; empty once the node is edited.</summary>
    public ReadOnlyMemory<char> Source { get; init; }

    /// <summary>True while the node is as parsed, so its source text can be written back verbatim.</summary>
    public bool IsFromSource => !Source.IsEmpty;
}
