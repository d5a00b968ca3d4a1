namespace NotaGen.Training.Data;

/// <summary>
/// A pluggable key-transposition step of the data loader (reference a.5): pre-training draws one of 15 keys uniformly,
/// fine-tuning ±3 semitones with weights 1-2-3-4-3-2-1. Implementations must take every random draw from
/// <paramref name="random"/> so an epoch's data is a function of the seed alone.
/// </summary>
public interface IKeyAugmentation
{
    /// <summary>Name used in configuration files and logs.</summary>
    string Name { get; }

    /// <summary>The piece (NotaGen's training format) in the key this draw chose.</summary>
    string Apply(string abc, Random random);
}

/// <summary>No transposition: the piece as written.</summary>
public sealed class NoKeyAugmentation : IKeyAugmentation
{
    public static NoKeyAugmentation Instance { get; } = new();

    public string Name => "none";

    public string Apply(string abc, Random random) => abc;
}

/// <summary>The augmentations a configuration can name.</summary>
public static class KeyAugmentations
{
    public static IReadOnlyList<string> Names { get; } = ["none", "pretrain-15-keys", "finetune-nearest-keys"];

    public static IKeyAugmentation Get(string name) => name switch
    {
        "none" => NoKeyAugmentation.Instance,
        "pretrain-15-keys" => new UniformKeyAugmentation(),
        "finetune-nearest-keys" => new NearestKeyAugmentation(),
        _ => throw new ArgumentException($"Unknown key augmentation '{name}'; available: {string.Join(", ", Names)}."),
    };
}
