using NotaGen.Tokenization;
using NotaGen.Training.Data;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class BatchingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void Batches_respect_the_budget_and_cover_every_piece_once(int sortWindow)
    {
        var random = new Random(3);
        var lengths = Enumerable.Range(0, 50).Select(_ => random.Next(5, 60)).ToArray();
        var order = Enumerable.Range(0, 50).Reverse().ToArray();

        var batches = new TokenBudgetBatcher(BudgetPatches: 120, MaxPieces: 6, SortWindow: sortWindow).Batch(order, lengths, new Random(1));

        Assert.Equal(Enumerable.Range(0, 50), batches.SelectMany(b => b).Order());
        foreach (var batch in batches)
        {
            Assert.InRange(batch.Length, 1, 6);
            // A single piece may exceed the budget only when it is alone.
            if (batch.Length > 1) Assert.True(batch.Length * batch.Max(i => lengths[i]) <= 120);
        }
    }

    [Fact]
    public void Epochs_are_a_function_of_seed_and_epoch()
    {
        var pieces = Enumerable.Range(0, 12).Select(i => TrainingFixtures.Piece(i, bars: 2 + i % 5)).ToList();
        var encoder = new PieceEncoder(new BarPatchTokenizer(64), NoKeyAugmentation.Instance, null);
        var dataset = TrainingDataset.Create(pieces, encoder);
        var batcher = new TokenBudgetBatcher(80, SortWindow: 4);

        static string Signature(EpochPlan plan) => string.Join(";", plan.Batches.Select(b => string.Join(",", b)));
        var first = EpochPlan.Create(dataset, encoder, batcher, seed: 5, epoch: 0);
        Assert.Equal(Signature(first), Signature(EpochPlan.Create(dataset, encoder, batcher, seed: 5, epoch: 0)));
        Assert.NotEqual(Signature(first), Signature(EpochPlan.Create(dataset, encoder, batcher, seed: 5, epoch: 1)));
        Assert.NotEqual(Signature(first), Signature(EpochPlan.Create(dataset, encoder, batcher, seed: 6, epoch: 0)));
    }

    [Fact]
    public void Source_continues_identically_from_a_saved_position()
    {
        var pieces = Enumerable.Range(0, 9).Select(i => TrainingFixtures.Piece(i, bars: 2 + i % 4)).ToList();
        var encoder = new PieceEncoder(new BarPatchTokenizer(64), NoKeyAugmentation.Instance, null);
        var dataset = TrainingDataset.Create(pieces, encoder);
        var batcher = new TokenBudgetBatcher(60, SortWindow: 3);
        var straight = new PatchBatchSource(dataset, encoder, batcher, 11, TorchSharp.torch.CPU);
        var served = new List<string>();
        DataPosition saved = default;
        for (var i = 0; i < 12; i++)
        {
            if (i == 5) saved = straight.Position;
            using var batch = straight.Next();
            served.Add(string.Join(",", batch.Patches.data<long>().ToArray()));
        }

        var resumed = new PatchBatchSource(dataset, encoder, batcher, 11, TorchSharp.torch.CPU) { Position = saved };
        for (var i = 5; i < 12; i++)
        {
            using var batch = resumed.Next();
            Assert.Equal(served[i], string.Join(",", batch.Patches.data<long>().ToArray()));
        }
        Assert.True(resumed.Position.Epoch >= 1, "twelve batches of nine pieces should cross an epoch boundary");
    }

    [Fact]
    public void Batch_tensors_hold_the_encoded_patches_and_mask_padding()
    {
        var encoder = new PieceEncoder(new BarPatchTokenizer(64), NoKeyAugmentation.Instance, null);
        var shortPiece = encoder.Encode(TrainingFixtures.Piece(0, bars: 1), 0, null);
        var longPiece = encoder.Encode(TrainingFixtures.Piece(1, bars: 4), 1, null);
        using var batch = PatchBatch.Create([shortPiece, longPiece], TorchSharp.torch.CPU);

        Assert.Equal(new long[] { 2, longPiece.PatchCount, 16 }, batch.Patches.shape);
        Assert.Equal(shortPiece.PatchCount + longPiece.PatchCount, batch.Mask.sum().item<long>());
        Assert.Equal(shortPiece.PatchCount + longPiece.PatchCount, batch.PatchCount);
        var firstRow = batch.Patches[0].narrow(0, 0, shortPiece.PatchCount).data<long>().ToArray();
        Assert.Equal(shortPiece.Ids.Select(b => (long)b), firstRow);
        Assert.Equal(0, batch.Patches[0].narrow(0, shortPiece.PatchCount, longPiece.PatchCount - shortPiece.PatchCount).abs().sum().item<long>());
    }
}
