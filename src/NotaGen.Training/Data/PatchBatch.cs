using NotaGen.Modeling.Configuration;
using NotaGen.Tokenization;
using static TorchSharp.torch;

namespace NotaGen.Training.Data;

/// <summary>
/// A padded batch for the model. Patches: [B, L, 16] long; Mask: [B, L] long (1 = real patch); Styles: one label per
/// row, or null when the model has no style mechanism.
/// </summary>
public sealed class PatchBatch : IDisposable
{
    private PatchBatch(Tensor patches, Tensor mask, IReadOnlyList<StyleRows>? styles, int patchCount, long characterCount)
    {
        Patches = patches;
        Mask = mask;
        Styles = styles;
        PatchCount = patchCount;
        CharacterCount = characterCount;
    }

    public Tensor Patches { get; }

    public Tensor Mask { get; }

    public IReadOnlyList<StyleRows>? Styles { get; }

    /// <summary>Real (unpadded) patches.</summary>
    public int PatchCount { get; }

    /// <summary>Non-PAD characters of the real patches.</summary>
    public long CharacterCount { get; }

    public int Size => (int)Patches.shape[0];

    public static PatchBatch Create(IReadOnlyList<EncodedPiece> pieces, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pieces.Count);
        var length = pieces.Max(p => p.PatchCount);
        var ids = new long[pieces.Count * length * PatchVocabulary.PatchSize];
        var mask = new long[pieces.Count * length];
        for (var b = 0; b < pieces.Count; b++)
        {
            var piece = pieces[b];
            var offset = b * length * PatchVocabulary.PatchSize;
            for (var i = 0; i < piece.Ids.Length; i++) ids[offset + i] = piece.Ids[i];
            Array.Fill(mask, 1L, b * length, piece.PatchCount);
        }
        var styles = pieces.All(p => p.Style is not null) ? pieces.Select(p => p.Style!.Value).ToList() : null;
        return new PatchBatch(
            tensor(ids, [pieces.Count, length, PatchVocabulary.PatchSize], device: device),
            tensor(mask, [pieces.Count, length], device: device),
            styles,
            pieces.Sum(p => p.PatchCount),
            pieces.Sum(p => (long)p.CharacterCount));
    }

    public void Dispose()
    {
        Patches.Dispose();
        Mask.Dispose();
    }
}
