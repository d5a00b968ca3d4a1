using NotaGen.Corpus.Output;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Data;
using static TorchSharp.torch;

namespace NotaGen.Training.Preference;

/// <summary>
/// One pair per batch, as NotaGen's DPO samples one random pair per step: each epoch visits every pair once in an order
/// seeded by (seed, epoch); crops of over-long pieces are seeded by (seed, epoch, pair).
/// </summary>
public sealed class PreferencePairSource(IReadOnlyList<PreferencePair> pairs, PieceEncoder encoder, long seed, Device device)
    : IBatchSource<PreferenceBatch>
{
    private int[]? order;
    private int orderEpoch = -1;

    public DataPosition Position { get; set; } = DataPosition.Start;

    public PreferenceBatch Next()
    {
        if (pairs.Count == 0) throw new InvalidOperationException("The preference set is empty.");
        var position = Position.Batch >= pairs.Count ? new DataPosition(Position.Epoch + 1, 0) : Position;
        if (orderEpoch != position.Epoch)
        {
            order = Enumerable.Range(0, pairs.Count).ToArray();
            new Random(SeedMixer.Mix(seed, position.Epoch, -1)).Shuffle(order);
            orderEpoch = position.Epoch;
        }
        Position = position with { Batch = position.Batch + 1 };
        var index = order![position.Batch];
        var pair = pairs[index];
        var random = new Random(SeedMixer.Mix(seed, position.Epoch, index));
        var piece = (string text, string name) => new CorpusPiece { Id = $"pair {index} {name}", Abc = BarCounters.StripAll(text), Labels = pair.Labels };
        return PreferenceBatch.Create(
            encoder.Encode(piece(pair.Chosen, "chosen"), 0, random),
            encoder.Encode(piece(pair.Rejected, "rejected"), 1, random),
            device);
    }
}
