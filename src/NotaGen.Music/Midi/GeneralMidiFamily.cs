namespace NotaGen.Music.Midi;

/// <summary>The sixteen instrument families of General MIDI level 1, eight programs each.</summary>
public enum GeneralMidiFamily
{
    Piano,
    ChromaticPercussion,
    Organ,
    Guitar,
    Bass,
    Strings,
    Ensemble,
    Brass,
    Reed,
    Pipe,
    SynthLead,
    SynthPad,
    SynthEffects,
    Ethnic,
    Percussive,
    SoundEffects,
}
