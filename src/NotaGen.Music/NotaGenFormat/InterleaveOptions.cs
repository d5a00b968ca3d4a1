namespace NotaGen.Music.NotaGenFormat;

/// <summary>What to add to plain interleaved ABC to make NotaGen's training form (reference a.3).</summary>
public sealed record InterleaveOptions
{
    /// <summary>Drop each voice's bars that hold only rests; lines where every voice rests disappear.</summary>
    public bool ReduceRests { get; init; }

    /// <summary>Prefix every body line with <c>[r:i/j]</c>.</summary>
    public bool BarCounters { get; init; }

    /// <summary>The three <c>%</c> prompt lines to put first, or null for none.</summary>
    public StylePrompt? Prompt { get; init; }

    public static InterleaveOptions Plain { get; } = new();

    /// <summary>The full training form: rests reduced and bar counters on.</summary>
    public static InterleaveOptions Training { get; } = new() { ReduceRests = true, BarCounters = true };
}
