namespace NotaGen.Corpus.Preparation;

/// <summary>A piece in NotaGen's training format (prompt lines when labelled, header, interleaved rest-reduced body).</summary>
public sealed record PreparedPiece(string Abc, int Bars, int Staves, string? Key, string? Meter);
