namespace NotaGen.Music.Midi;

/// <summary>The bounds the reader and writer enforce beyond the bare byte format.</summary>
public static class MidiLimits
{
    /// <summary>100 µs per quarter is 600,000 beats per minute: anything faster is a corrupt file, not music.</summary>
    public const int MinMicrosecondsPerQuarter = 100;

    /// <summary>The largest tempo the 3-byte field holds (about 3.6 beats per minute).</summary>
    public const int MaxMicrosecondsPerQuarter = 0xFFFFFF;

    /// <summary>Time signature denominators up to 2^10 = 1024.</summary>
    public const int MaxDenominatorPower = 10;

    /// <summary>The division field is 15 bits when it counts ticks per quarter note.</summary>
    public const int MaxTicksPerQuarter = 0x7FFF;

    /// <summary>
    /// Import: the longest piece read, in quarter notes (about 14 hours at 240 beats per minute, far past any score).
    /// A note of 2^28 ticks at one tick per quarter (a 37-byte file) would otherwise ask for tens of millions of bars.
    /// </summary>
    public const long MaxImportedQuarterNotes = 200_000;

    /// <summary>Import: the most bars a piece may be cut into (a 1/1024 meter cuts a short piece into very many).</summary>
    public const int MaxImportedBars = 100_000;
}
