namespace NotaGen.Corpus.Sources;

/// <summary>
/// One piece read from a file, before NotaGen's preparation: its standard ABC (numbered voices), the composer the
/// score names (if any) and its part layout, which the instrumentation classifier reads.
/// </summary>
/// <param name="Index">0-based position of the piece in its file (tune number for ABC tunebooks).</param>
public sealed record RawPiece(int Index, string StandardAbc, string? Composer, IReadOnlyList<PartLayout> Parts);

/// <summary>A part's name as the score writes it and how many staves it has.</summary>
public sealed record PartLayout(string Name, int Staves);
