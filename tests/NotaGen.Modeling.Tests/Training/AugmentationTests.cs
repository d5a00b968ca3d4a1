using NotaGen.Tokenization;
using NotaGen.Training.Data;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class AugmentationTests
{
    [Fact]
    public void Pretraining_augmentation_spreads_pieces_over_keys_deterministically()
    {
        var augmentation = KeyAugmentations.Get("pretrain-15-keys");
        var piece = TrainingFixtures.Piece(0).Abc;
        var keys = Enumerable.Range(0, 60).Select(seed => KeyOf(augmentation.Apply(piece, new Random(seed)))).ToList();

        Assert.True(keys.Distinct().Count() >= 10, $"only {keys.Distinct().Count()} keys in 60 draws");
        Assert.Equal(keys, Enumerable.Range(0, 60).Select(seed => KeyOf(augmentation.Apply(piece, new Random(seed)))));
    }

    [Fact]
    public void Epochs_of_an_augmented_corpus_differ_in_key_but_repeat_per_seed()
    {
        var pieces = Enumerable.Range(0, 6).Select(i => TrainingFixtures.Piece(i)).ToList();
        var encoder = new PieceEncoder(new BarPatchTokenizer(64), KeyAugmentations.Get("finetune-nearest-keys"), null);
        var dataset = TrainingDataset.Create(pieces, encoder);
        var batcher = new TokenBudgetBatcher(200);
        string Text(int epoch, long seed) => string.Join("|", EpochPlan.Create(dataset, encoder, batcher, seed, epoch).Pieces.Select(p => Convert.ToBase64String(p.Ids)));

        Assert.Equal(Text(0, 1), Text(0, 1));
        Assert.NotEqual(Text(0, 1), Text(1, 1));
        var decoded = BarPatchTokenizer.Decode(EpochPlan.Create(dataset, encoder, batcher, 1, 0).Pieces[0].Ids.Chunk(16).Select(c => new Patch(c.Select(b => (int)b))));
        Assert.Contains("K:", decoded);
    }

    private static string KeyOf(string abc) => abc.Split('\n').First(l => l.StartsWith("K:", StringComparison.Ordinal));
}
