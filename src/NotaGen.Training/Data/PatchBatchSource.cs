using static TorchSharp.torch;

namespace NotaGen.Training.Data;

/// <summary>Training batches epoch after epoch (<see cref="EpochPlan"/>), moved to the model's device.</summary>
public sealed class PatchBatchSource(TrainingDataset dataset, PieceEncoder encoder, TokenBudgetBatcher batcher, long seed, Device device)
    : IBatchSource<PatchBatch>
{
    private EpochPlan? plan;

    public DataPosition Position { get; set; } = DataPosition.Start;

    /// <summary>Batches in the epoch <see cref="Position"/> is in.</summary>
    public int BatchesInEpoch => PlanFor(Position.Epoch).Batches.Count;

    public PatchBatch Next()
    {
        if (dataset.Count == 0) throw new InvalidOperationException("The training set is empty.");
        var position = Position;
        if (position.Batch >= PlanFor(position.Epoch).Batches.Count)
            position = new DataPosition(position.Epoch + 1, 0);
        var epoch = PlanFor(position.Epoch);
        Position = position with { Batch = position.Batch + 1 };
        return PatchBatch.Create(epoch.PiecesOf(position.Batch), device);
    }

    private EpochPlan PlanFor(int epoch)
    {
        if (plan?.Epoch != epoch) plan = EpochPlan.Create(dataset, encoder, batcher, seed, epoch);
        return plan;
    }
}
