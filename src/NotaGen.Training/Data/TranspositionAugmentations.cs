using NotaGen.Music.Transposition;

namespace NotaGen.Training.Data;

/// <summary>NotaGen's pre-training augmentation: one of the 15 keys, uniformly (reference a.5).</summary>
public sealed class UniformKeyAugmentation : IKeyAugmentation
{
    public string Name => "pretrain-15-keys";

    public string Apply(string abc, Random random) =>
        AbcTransposer.ToKey(abc, KeyAugmentation.PretrainingKey((ulong)random.NextInt64())).Text;
}

/// <summary>NotaGen's fine-tuning augmentation: ±3 semitones around the piece's key, weights 1-2-3-4-3-2-1.</summary>
public sealed class NearestKeyAugmentation : IKeyAugmentation
{
    public string Name => "finetune-nearest-keys";

    public string Apply(string abc, Random random)
    {
        var seed = (ulong)random.NextInt64(); // drawn first, so the stream of draws does not depend on the text
        var keyLine = abc.Split('\n').FirstOrDefault(l => l.StartsWith("K:", StringComparison.Ordinal));
        if (keyLine is null) return abc;
        var original = keyLine[2..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "C";
        return AbcTransposer.ToKey(abc, KeyAugmentation.FinetuningKey(original, seed)).Text;
    }
}
