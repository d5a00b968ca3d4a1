namespace NotaGen.Music.Abc.Syntax;

/// <summary>
/// One tune: its header (from <c>X:</c> to <c>K:</c>), its body (music, body fields, comments) and the lines after
/// the blank line that ends it (free text up to the next <c>X:</c>). Text without any <c>X:</c> line, like NotaGen's
/// interleaved format, is read as one tune whose header ends at the first <c>K:</c>.
/// </summary>
public sealed record AbcTune(IReadOnlyList<AbcLine> Header, IReadOnlyList<AbcLine> Body, IReadOnlyList<AbcLine> Trailer) : AbcNode
{
    /// <summary>Every line of the tune in file order.</summary>
    public IEnumerable<AbcLine> Lines => Header.Concat(Body).Concat(Trailer);

    /// <summary>The header fields in order.</summary>
    public IEnumerable<AbcFieldLine> HeaderFields => Header.OfType<AbcFieldLine>();

    /// <summary>The trimmed value of the first header field with this letter, or null.</summary>
    public string? HeaderValue(char letter) => HeaderFields.FirstOrDefault(f => f.Letter == letter)?.TrimmedValue;

    /// <summary>The <c>X:</c> reference number, or null when absent or not a number.</summary>
    public int? ReferenceNumber => int.TryParse(HeaderValue('X'), out var x) ? x : null;

    public string? Title => HeaderValue('T');
}

/// <summary>A parsed ABC file: the file header (lines before the first tune), the tunes, and every problem found.</summary>
public sealed record AbcDocument(
    string FileName,
    IReadOnlyList<AbcLine> FileHeader,
    IReadOnlyList<AbcTune> Tunes,
    IReadOnlyList<Parsing.AbcDiagnostic> Diagnostics) : AbcNode
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Parsing.AbcSeverity.Error);

    public IEnumerable<Parsing.AbcDiagnostic> Errors => Diagnostics.Where(d => d.Severity == Parsing.AbcSeverity.Error);

    /// <summary>Throws the first error (carrying all of them) if there is any.</summary>
    public AbcDocument ThrowIfErrors()
    {
        var errors = Errors.ToList();
        if (errors.Count > 0)
            throw new Parsing.AbcParseException(errors[0], errors);
        return this;
    }
}
