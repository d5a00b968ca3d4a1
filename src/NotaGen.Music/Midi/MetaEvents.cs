namespace NotaGen.Music.Midi;

/// <summary>Tempo from this tick on, as the file stores it: microseconds per quarter note.</summary>
public sealed record SetTempoEvent(long Tick, int MicrosecondsPerQuarter) : MidiEvent(Tick)
{
    public double BeatsPerMinute => 60_000_000.0 / MicrosecondsPerQuarter;
}

/// <summary>Time signature; <paramref name="Denominator"/> is the note value itself (4), not the file's power of two.</summary>
public sealed record TimeSignatureEvent(
    long Tick, int Numerator, int Denominator, int ClocksPerClick = 24, int ThirtySecondsPerQuarter = 8) : MidiEvent(Tick);

/// <summary>Key signature: sharps (positive) or flats (negative), and whether the key is minor.</summary>
public sealed record KeySignatureEvent(long Tick, int Fifths, bool Minor) : MidiEvent(Tick);

/// <summary>Meta event 0x03: the name of the track (the instrument or part name in most files).</summary>
public sealed record TrackNameEvent(long Tick, string Name) : MidiEvent(Tick);

/// <summary>
/// Any other meta event (text, copyright, lyrics, markers, sequencer data, ...), kept byte for byte so that
/// reading and writing a file loses nothing but system-exclusive messages.
/// </summary>
public sealed record MetaEvent(long Tick, int Type, byte[] Data) : MidiEvent(Tick)
{
    // Records compare arrays by reference; a meta event is its bytes.
    public bool Equals(MetaEvent? other) =>
        other is not null && Tick == other.Tick && Type == other.Type && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Tick, Type, Data.Length);
}
