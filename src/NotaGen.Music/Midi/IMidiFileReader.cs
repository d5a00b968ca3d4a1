namespace NotaGen.Music.Midi;

/// <summary>
/// Reads a Standard MIDI File into the <see cref="MidiFile"/> model. Narrow on purpose, so that another
/// implementation (a DryWetMidi adapter, say) can replace <see cref="SmfReader"/> without touching callers.
/// </summary>
public interface IMidiFileReader
{
    /// <summary>Reads the whole stream; <paramref name="fileName"/> names the input in errors.</summary>
    /// <exception cref="MusicFormatException">The bytes are not a well-formed SMF; the message names track and byte offset.</exception>
    MidiFile Read(Stream stream, string fileName);
}
