namespace NotaGen.Music.Midi;

/// <summary>Writes the <see cref="MidiFile"/> model as a Standard MIDI File; the counterpart of <see cref="IMidiFileReader"/>.</summary>
public interface IMidiFileWriter
{
    void Write(MidiFile file, Stream stream);
}
