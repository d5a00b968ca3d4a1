using NotaGen.Corpus.Output;
using NotaGen.Music;

namespace NotaGen.Training.Data;

/// <summary>
/// The pieces a run trains or evaluates on, each checked once with the encoder. Pieces the tokenizer rejects are left
/// out and listed in <see cref="Skipped"/> (a batch job continues past bad input), so they cannot stop a run halfway.
/// </summary>
public sealed class TrainingDataset
{
    private TrainingDataset(IReadOnlyList<CorpusPiece> pieces, IReadOnlyList<string> skipped)
    {
        Pieces = pieces;
        Skipped = skipped;
    }

    public IReadOnlyList<CorpusPiece> Pieces { get; }

    /// <summary>One line per left-out piece: id and reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public int Count => Pieces.Count;

    public static TrainingDataset Create(IEnumerable<CorpusPiece> pieces, PieceEncoder encoder)
    {
        var kept = new List<CorpusPiece>();
        var skipped = new List<string>();
        foreach (var piece in pieces)
        {
            try
            {
                encoder.Encode(piece, kept.Count, random: null);
                kept.Add(piece);
            }
            catch (Exception e) when (e is MusicFormatException or ArgumentException)
            {
                skipped.Add($"{piece.Id}: {e.Message}");
            }
        }
        return new TrainingDataset(kept, skipped);
    }
}
