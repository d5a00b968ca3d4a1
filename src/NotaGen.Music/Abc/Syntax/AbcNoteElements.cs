namespace NotaGen.Music.Abc.Syntax;

/// <summary>Anything that can stand in a line of music.</summary>
public abstract record AbcElement : AbcNode;

/// <summary>A note: pitch and length multiplier. A following tie is the separate element <see cref="AbcTie"/>.</summary>
public sealed record AbcNote(AbcPitch Pitch, AbcLength Length) : AbcElement;

/// <summary>A rest of one note length: <c>z</c> (visible) or <c>x</c> (invisible).</summary>
public sealed record AbcRest(bool Invisible, AbcLength Length) : AbcElement;

/// <summary>A rest of whole bars: <c>Z</c>, <c>Z4</c> (visible) or <c>X</c>, <c>X2</c> (invisible).</summary>
public sealed record AbcMultiMeasureRest(bool Invisible, int Bars) : AbcElement;

/// <summary>A chord <c>[CEG]2</c>: notes (and decorations/annotations inside the brackets) and the chord's own length.</summary>
public sealed record AbcChord(IReadOnlyList<AbcElement> Items, AbcLength Length) : AbcElement
{
    public IEnumerable<AbcNote> Notes => Items.OfType<AbcNote>();
}

/// <summary>Grace notes <c>{gab}</c>, or an acciaccatura <c>{/g}</c>: they take no notated time.</summary>
public sealed record AbcGraceGroup(bool Acciaccatura, IReadOnlyList<AbcElement> Items) : AbcElement;

/// <summary>A tie <c>-</c> (dotted: <c>.-</c>) binding the note or chord before it to the next one of the same pitch.</summary>
public sealed record AbcTie(bool Dotted = false) : AbcElement;

/// <summary>A slur bracket: <c>(</c> opens, <c>)</c> closes.</summary>
public sealed record AbcSlur(bool Opening) : AbcElement;

/// <summary>Broken rhythm between two notes: <c>&gt;</c> (dotted first), <c>&lt;</c>, doubled or tripled.</summary>
/// <param name="FirstLonger">True for <c>&gt;</c>, false for <c>&lt;</c>.</param>
/// <param name="Count">1 for <c>&gt;</c>, 2 for <c>&gt;&gt;</c>, 3 for <c>&gt;&gt;&gt;</c>.</param>
public sealed record AbcBrokenRhythm(bool FirstLonger, int Count) : AbcElement;

/// <summary>A tuplet <c>(p:q:r</c>: p notes in the time of q, applied to the next r notes. Null q/r take the ABC 2.1 defaults.</summary>
public sealed record AbcTuplet(int P, int? Q = null, int? R = null) : AbcElement;
