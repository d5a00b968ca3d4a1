using NotaGen.Training.Data;
using static TorchSharp.torch;

namespace NotaGen.Training.Preference;

/// <summary>One pair as a two-row batch: row 0 the chosen piece, row 1 the rejected one (same style labels).</summary>
public sealed class PreferenceBatch(PatchBatch pieces) : IDisposable
{
    public PatchBatch Pieces => pieces;

    public static PreferenceBatch Create(EncodedPiece chosen, EncodedPiece rejected, Device device) =>
        new(PatchBatch.Create([chosen, rejected], device));

    public void Dispose() => pieces.Dispose();
}
