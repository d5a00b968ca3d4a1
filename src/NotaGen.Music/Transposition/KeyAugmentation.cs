namespace NotaGen.Music.Transposition;

/// <summary>
/// The target keys NotaGen's training draws for key augmentation (reference a.5), as pure functions of a seed:
/// the same seed always gives the same key, on every machine.
/// Pre-training: one of the 15 keys, uniformly. Fine-tuning: the original key's index plus an offset of −3..+3
/// semitones with weights 1-2-3-4-3-2-1 (of 16); index 1 is Db (80%) or C# (20%), 11 is B (80%) or Cb (20%),
/// 6 is F# or Gb (50/50).
/// </summary>
public static class KeyAugmentation
{
    /// <summary>Weights of the fine-tuning offsets −3..+3, out of 16.</summary>
    public static readonly IReadOnlyList<int> FinetuningOffsetWeights = [1, 2, 3, 4, 3, 2, 1];

    /// <summary>A seed for one draw, mixed from the run's seed, the epoch and the piece (so loaders need no shared state).</summary>
    public static ulong Seed(ulong runSeed, int epoch, long piece) =>
        SplitMix(SplitMix(SplitMix(runSeed) ^ (ulong)epoch) ^ (ulong)piece);

    /// <summary>Pre-training: one of <see cref="NotaGenKeys.All"/>, each with probability 1/15.</summary>
    public static string PretrainingKey(ulong seed) => NotaGenKeys.All[(int)(SplitMix(seed) % (ulong)NotaGenKeys.All.Count)];

    /// <summary>Fine-tuning: a key near <paramref name="originalKey"/> (any K: value: <c>G</c>, <c>Am</c>, <c>Bbmix</c>).</summary>
    public static string FinetuningKey(string originalKey, ulong seed)
    {
        var original = NotaGenKeys.SignatureKey(originalKey)
            ?? throw new ArgumentException($"'{originalKey}' is not a key", nameof(originalKey));
        var offsetDraw = (int)(SplitMix(seed) % 16);
        var offset = -3;
        for (var cumulative = FinetuningOffsetWeights[0]; offsetDraw >= cumulative; cumulative += FinetuningOffsetWeights[offset + 3])
            offset++;

        var index = SpelledPitch.Mod(original.PitchClass + offset, 12);
        var spellingDraw = SplitMix(seed ^ 0x5DEECE66DUL) % 10;
        return index switch
        {
            1 => spellingDraw < 8 ? "Db" : "C#",
            11 => spellingDraw < 8 ? "B" : "Cb",
            6 => spellingDraw < 5 ? "F#" : "Gb",
            _ => NotaGenKeys.NameOf(index),
        };
    }

    // SplitMix64: a fixed, well-mixed function of its input; no hidden state.
    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
