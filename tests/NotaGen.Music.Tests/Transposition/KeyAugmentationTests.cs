using NotaGen.Music.Transposition;
using Xunit;

namespace NotaGen.Music.Tests.Transposition;

public class KeyAugmentationTests
{
    private const int Draws = 60_000;

    [Fact]
    public void Pretraining_keys_are_uniform_over_the_15_keys()
    {
        var counts = NotaGenKeys.All.ToDictionary(k => k, _ => 0);
        for (var i = 0; i < Draws; i++)
            counts[KeyAugmentation.PretrainingKey(KeyAugmentation.Seed(7, 0, i))]++;
        var expected = Draws / 15.0;
        var chiSquare = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        // 14 degrees of freedom: the 99.9% point is 36.1.
        Assert.True(chiSquare < 36.1, $"chi-square {chiSquare:F1} over 15 keys: {string.Join(", ", counts)}");
    }

    [Fact]
    public void Finetuning_offsets_follow_1_2_3_4_3_2_1_and_the_enharmonic_splits()
    {
        // From D (index 2) the offsets -3..+3 reach indices 11, 0, 1, 2, 3, 4, 5.
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < Draws; i++)
        {
            var key = KeyAugmentation.FinetuningKey("D", KeyAugmentation.Seed(11, 3, i));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var expected = new Dictionary<string, double>
        {
            ["B"] = 1 / 16.0 * 0.8,
            ["Cb"] = 1 / 16.0 * 0.2,
            ["C"] = 2 / 16.0,
            ["Db"] = 3 / 16.0 * 0.8,
            ["C#"] = 3 / 16.0 * 0.2,
            ["D"] = 4 / 16.0,
            ["Eb"] = 3 / 16.0,
            ["E"] = 2 / 16.0,
            ["F"] = 1 / 16.0,
        };
        Assert.Equal(expected.Keys.Order(), counts.Keys.Order());
        var chiSquare = expected.Sum(e => Math.Pow(counts[e.Key] - e.Value * Draws, 2) / (e.Value * Draws));
        // 8 degrees of freedom: the 99.9% point is 26.1.
        Assert.True(chiSquare < 26.1, $"chi-square {chiSquare:F1}: {string.Join(", ", counts)}");
    }

    [Fact]
    public void F_sharp_and_G_flat_split_evenly_and_modes_use_their_signature()
    {
        var sharp = 0;
        for (var i = 0; i < Draws; i++)
        {
            // E minor has G's signature: index 7, and offset -1 reaches index 6.
            var key = KeyAugmentation.FinetuningKey("Em", KeyAugmentation.Seed(5, 1, i));
            Assert.Contains(key, new[] { "E", "F", "F#", "Gb", "G", "Ab", "A", "Bb" });
            if (key == "F#")
                sharp++;
            else if (key == "Gb")
                sharp--;
        }
        // F#/Gb together are 3/16 of the draws; their difference has a standard deviation of sqrt(Draws * 3/16) ≈ 106.
        Assert.InRange(sharp, -450, 450);
    }

    [Fact]
    public void The_same_seed_gives_the_same_key()
    {
        for (ulong seed = 0; seed < 100; seed++)
        {
            Assert.Equal(KeyAugmentation.PretrainingKey(seed), KeyAugmentation.PretrainingKey(seed));
            Assert.Equal(KeyAugmentation.FinetuningKey("Bb", seed), KeyAugmentation.FinetuningKey("Bb", seed));
        }
        Assert.NotEqual(KeyAugmentation.Seed(1, 0, 0), KeyAugmentation.Seed(1, 0, 1));
    }
}
