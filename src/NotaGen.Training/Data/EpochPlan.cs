namespace NotaGen.Training.Data;

/// <summary>
/// One epoch of training data: every piece encoded with its own seeded draw (augmentation, crop), shuffled with the
/// epoch's seed, and grouped into token-budget batches. A pure function of (seed, epoch), which is what lets a resumed
/// run rebuild the epoch it stopped in and continue at the same batch.
/// </summary>
public sealed class EpochPlan
{
    private EpochPlan(int epoch, IReadOnlyList<EncodedPiece> pieces, List<int[]> batches)
    {
        Epoch = epoch;
        Pieces = pieces;
        Batches = batches;
    }

    public int Epoch { get; }

    public IReadOnlyList<EncodedPiece> Pieces { get; }

    /// <summary>Indices into <see cref="Pieces"/>, in training order.</summary>
    public IReadOnlyList<int[]> Batches { get; }

    public static EpochPlan Create(TrainingDataset dataset, PieceEncoder encoder, TokenBudgetBatcher batcher, long seed, int epoch)
    {
        var pieces = new EncodedPiece[dataset.Count];
        for (var i = 0; i < dataset.Count; i++)
            pieces[i] = encoder.Encode(dataset.Pieces[i], i, new Random(SeedMixer.Mix(seed, epoch, i)));
        var random = new Random(SeedMixer.Mix(seed, epoch, -1));
        var order = Enumerable.Range(0, dataset.Count).ToArray();
        random.Shuffle(order);
        return new EpochPlan(epoch, pieces, batcher.Batch(order, pieces.Select(p => p.PatchCount).ToList(), random));
    }

    /// <summary>The fixed batches of a validation set: no augmentation, head crop, file order.</summary>
    public static EpochPlan ForEvaluation(TrainingDataset dataset, PieceEncoder encoder, TokenBudgetBatcher batcher)
    {
        var pieces = dataset.Pieces.Select((p, i) => encoder.Encode(p, i, random: null)).ToArray();
        var order = Enumerable.Range(0, pieces.Length).ToArray();
        return new EpochPlan(0, pieces, (batcher with { SortWindow = 1 }).Batch(order, pieces.Select(p => p.PatchCount).ToList(), new Random(0)));
    }

    public IReadOnlyList<EncodedPiece> PiecesOf(int batch) => Batches[batch].Select(i => Pieces[i]).ToList();
}
