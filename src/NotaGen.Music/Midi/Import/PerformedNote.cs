namespace NotaGen.Music.Midi.Import;

/// <summary>A note as the file plays it: paired note-on and note-off, in ticks, on one track and channel.</summary>
internal sealed record PerformedNote(int Track, int Channel, int Key, long OnTick, long OffTick, int Velocity);
