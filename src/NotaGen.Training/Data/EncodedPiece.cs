using NotaGen.Modeling.Configuration;
using NotaGen.Tokenization;

namespace NotaGen.Training.Data;

/// <summary>
/// One piece's patches for one epoch (after augmentation and stream crop): <see cref="Ids"/> holds
/// <see cref="PatchCount"/> × <see cref="PatchVocabulary.PatchSize"/> character ids (all below 128, hence bytes).
/// </summary>
public sealed record EncodedPiece(int PieceIndex, byte[] Ids, StyleRows? Style)
{
    public int PatchCount => Ids.Length / PatchVocabulary.PatchSize;

    /// <summary>Non-PAD character ids: what the model reads and predicts (the "tokens" of tokens/s).</summary>
    public int CharacterCount => Ids.Count(id => id != 0);
}
