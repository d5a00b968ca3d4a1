using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Abc.Parsing;

public enum AbcSeverity
{
    /// <summary>The text is not valid ABC here; what was read around it is still usable.</summary>
    Error,

    /// <summary>Valid ABC that is probably not what was meant (a bar whose voices disagree, an unknown field).</summary>
    Warning,
}

/// <summary>One problem found in an ABC text, at a line and column: prints as <c>song.abc:12:7: unclosed chord '['</c>.</summary>
public sealed record AbcDiagnostic(string File, AbcPosition Position, string Message, AbcSeverity Severity = AbcSeverity.Error)
{
    public int Line => Position.Line;

    public int Column => Position.Column;

    public override string ToString() => Severity == AbcSeverity.Error
        ? $"{File}:{Position.Line}:{Position.Column}: {Message}"
        : $"{File}:{Position.Line}:{Position.Column}: warning: {Message}";

    public AbcParseException ToException() => new(this, [this]);
}

/// <summary>
/// The error type for bad ABC input: a <see cref="MusicFormatException"/> with line and column. When thrown for a
/// whole document it names the first error and carries all of them in <see cref="Diagnostics"/>.
/// </summary>
public sealed class AbcParseException : MusicFormatException
{
    public AbcParseException(AbcDiagnostic first, IReadOnlyList<AbcDiagnostic> all)
        : base(first?.File ?? throw new ArgumentNullException(nameof(first)), $"{first.Line}:{first.Column}", first.Message)
    {
        Line = first.Line;
        Column = first.Column;
        Diagnostics = all;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Every error found in the text, in order.</summary>
    public IReadOnlyList<AbcDiagnostic> Diagnostics { get; }
}
