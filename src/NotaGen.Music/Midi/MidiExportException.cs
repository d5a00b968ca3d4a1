namespace NotaGen.Music.Midi;

/// <summary>A piece that MIDI cannot carry as it is (a time off the tick grid, a pitch outside 0..127).</summary>
public sealed class MidiExportException(string message) : Exception(message);
