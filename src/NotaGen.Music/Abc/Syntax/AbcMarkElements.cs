namespace NotaGen.Music.Abc.Syntax;

/// <summary>How a decoration is written.</summary>
public enum AbcDecorationStyle
{
    /// <summary><c>!trill!</c></summary>
    Bang,

    /// <summary><c>+trill+</c> (ABC 2.0 style)</summary>
    Plus,

    /// <summary>One character: <c>. ~ H L M O P S T u v</c> or a letter redefined with <c>U:</c>.</summary>
    Shorthand,
}

/// <summary>A decoration; <see cref="Name"/> is the text between the delimiters, or the shorthand character.</summary>
public sealed record AbcDecoration(string Name, AbcDecorationStyle Style = AbcDecorationStyle.Bang) : AbcElement
{
    /// <summary>The ABC 2.1 meaning of the shorthand characters; user definitions come from U: fields.</summary>
    public string StandardName => Style != AbcDecorationStyle.Shorthand ? Name : Name switch
    {
        "." => "staccato",
        "~" => "roll",
        "H" => "fermata",
        "L" => "accent",
        "M" => "lowermordent",
        "O" => "coda",
        "P" => "uppermordent",
        "S" => "segno",
        "T" => "trill",
        "u" => "upbow",
        "v" => "downbow",
        _ => Name,
    };
}

/// <summary>
/// A quoted string before a note: a chord symbol (<c>"Am7"</c>) or, when it starts with one of <c>^ _ &lt; &gt; @</c>,
/// a text annotation placed above, below, left, right or freely. <see cref="Text"/> is what stands between the quotes.
/// </summary>
public sealed record AbcAnnotation(string Text) : AbcElement
{
    /// <summary>The placement character of an annotation, or null for a chord symbol.</summary>
    public char? Placement => Text.Length > 0 && "^_<>@".Contains(Text[0], StringComparison.Ordinal) ? Text[0] : null;

    public bool IsChordSymbol => Placement is null;
}
