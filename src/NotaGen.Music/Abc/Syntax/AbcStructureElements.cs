namespace NotaGen.Music.Abc.Syntax;

/// <summary>
/// A bar line or repeat sign, as written (<c>| || |] [| |: :| :: :|: .|</c> ...), with a volta number list written
/// right after it (<c>|1</c>, <c>:|2</c>, <c>|1,3</c>) in <see cref="Volta"/>.
/// </summary>
public sealed record AbcBarline(string Symbol, string? Volta = null) : AbcElement
{
    /// <summary>True for the dotted bar <c>.|</c> and the invisible <c>[|]</c>: still a bar line for timing.</summary>
    public bool IsSpecial => Symbol is ".|" or "[|]";

    public bool StartsRepeat => Symbol.EndsWith(':');

    public bool EndsRepeat => Symbol.StartsWith(':');
}

/// <summary>A volta bracket written apart from a bar line: <c>[1</c>, <c>[2</c>, <c>[1,3</c>.</summary>
public sealed record AbcVolta(string Numbers) : AbcElement;

/// <summary>An inline field <c>[K:D]</c>, <c>[M:3/4]</c>, <c>[L:1/16]</c>, <c>[Q:1/4=90]</c>, <c>[V:2]</c>, <c>[r:3/12]</c>.</summary>
public sealed record AbcInlineField(char Letter, string Value) : AbcElement;

/// <summary>Spaces, tabs and the beam-joining back quote: they only affect beaming.</summary>
public sealed record AbcSpace(string Text) : AbcElement;

/// <summary>A comment to the end of the line, including its '%'.</summary>
public sealed record AbcComment(string Text) : AbcElement;

/// <summary>A line continuation <c>\</c>: the next music line continues this one.</summary>
public sealed record AbcContinuation : AbcElement;

/// <summary>Voice overlay: <c>&amp;</c> (go back to the bar's start in a new layer), <c>(&amp;</c> and <c>&amp;)</c>.</summary>
public sealed record AbcOverlay(string Symbol) : AbcElement;

/// <summary>An invisible spacer <c>y</c> (optionally with a width), or the score line break <c>$</c>; they take no time.</summary>
public sealed record AbcSpacer(string Text) : AbcElement;

/// <summary>Text the parser could not read; kept verbatim so the file still round-trips, with an error reported.</summary>
public sealed record AbcUnknown(string Text) : AbcElement;
