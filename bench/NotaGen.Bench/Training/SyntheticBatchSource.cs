using NotaGen.Tokenization;
using NotaGen.Training.Data;
using static TorchSharp.torch;

namespace NotaGen.Training.Benchmarks;

/// <summary>
/// Endless batches of random pieces shaped like real ones (BOS patch, patches of 4–16 printable characters closed by
/// EOS and PAD, EOS patch), for throughput measurements that must not depend on a corpus.
/// </summary>
public sealed class SyntheticBatchSource(int pieces, int patchesPerPiece, long seed, Device device) : IBatchSource<PatchBatch>
{
    public DataPosition Position { get; set; } = DataPosition.Start;

    public PatchBatch Next()
    {
        var random = new Random(SeedMixer.Mix(seed, Position.Epoch, Position.Batch));
        Position = Position with { Batch = Position.Batch + 1 };
        var encoded = Enumerable.Range(0, pieces).Select(i => Piece(i, random)).ToList();
        return PatchBatch.Create(encoded, device);
    }

    private EncodedPiece Piece(int index, Random random)
    {
        var ids = new byte[patchesPerPiece * PatchVocabulary.PatchSize];
        for (var p = 0; p < patchesPerPiece; p++)
        {
            var offset = p * PatchVocabulary.PatchSize;
            if (p == 0 || p == patchesPerPiece - 1)
            {
                // BOS patch = 15 × BOS + EOS; EOS patch = BOS + 15 × EOS.
                for (var c = 0; c < PatchVocabulary.PatchSize; c++)
                    ids[offset + c] = (byte)(p == 0 ? (c < 15 ? 1 : 2) : (c == 0 ? 1 : 2));
                continue;
            }
            var used = random.Next(4, PatchVocabulary.PatchSize + 1);
            for (var c = 0; c < used; c++) ids[offset + c] = (byte)random.Next(32, 127);
            if (used < PatchVocabulary.PatchSize) ids[offset + used] = 2;
        }
        return new EncodedPiece(index, ids, null);
    }
}
