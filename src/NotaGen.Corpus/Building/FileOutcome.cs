using NotaGen.Corpus.Output;

namespace NotaGen.Corpus.Building;

/// <summary>What one input file gave: its pieces, its rejects, its content hash and how many movements it held.</summary>
internal sealed record FileOutcome(IReadOnlyList<CorpusPiece> Pieces, IReadOnlyList<Reject> Rejects, string Sha256, int Movements = 1);
