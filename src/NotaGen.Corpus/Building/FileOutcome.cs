using NotaGen.Corpus.Output;

namespace NotaGen.Corpus.Building;

/// <summary>What one input file gave: its pieces, its rejects and its content hash.</summary>
internal sealed record FileOutcome(IReadOnlyList<CorpusPiece> Pieces, IReadOnlyList<Reject> Rejects, string Sha256);
