namespace NotaGen.Music.Abc.Syntax;

/// <summary>One physical line of an ABC file. <see cref="LineEnding"/> is "\n", "\r\n", "\r" or "" (last line).</summary>
public abstract record AbcLine : AbcNode
{
    public string LineEnding { get; init; } = "\n";
}

/// <summary>An information field on its own line: <c>K:G</c>, <c>V:1 clef=bass</c>, <c>w:lyrics</c>, <c>%</c>-comment after the value kept apart.</summary>
/// <param name="Letter">The field letter (or '+' for a continuation field).</param>
/// <param name="Value">The text after the colon, without a trailing comment, as written (leading spaces kept).</param>
/// <param name="Comment">A trailing comment including its '%' and the spaces before it, or null.</param>
public sealed record AbcFieldLine(char Letter, string Value, string? Comment = null) : AbcLine
{
    /// <summary>The value without surrounding spaces.</summary>
    public string TrimmedValue => Value.Trim();
}

/// <summary>A stylesheet or program directive: <c>%%score (1 2) 3</c>. <see cref="Name"/> is "score", <see cref="Arguments"/> the rest.</summary>
public sealed record AbcDirectiveLine(string Name, string Arguments) : AbcLine;

/// <summary>A comment line starting with a single '%'; <see cref="Text"/> is everything after the '%'.</summary>
public sealed record AbcCommentLine(string Text) : AbcLine;

/// <summary>An empty (or whitespace only) line: it ends a tune.</summary>
public sealed record AbcBlankLine(string Whitespace = "") : AbcLine;

/// <summary>Free text outside any tune body (file header prose, text after a tune's closing blank line).</summary>
public sealed record AbcTextLine(string Text) : AbcLine;

/// <summary>A line of music: notes, bars, decorations, inline fields, spaces and a possible trailing comment.</summary>
public sealed record AbcMusicLine(IReadOnlyList<AbcElement> Elements) : AbcLine;
