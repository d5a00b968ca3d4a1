namespace NotaGen.Audio.Rendering;

/// <summary>Which synthesizer turns MIDI into audio.</summary>
public enum Synthesizer
{
    /// <summary>FluidSynth with a General MIDI SoundFont when both are installed, else the built-in one.</summary>
    Auto,

    /// <summary>The built-in additive / plucked-string synthesizer: always available, deterministic.</summary>
    BuiltIn,

    /// <summary>FluidSynth (Debian <c>fluidsynth</c> and <c>timgm6mb-soundfont</c>); an error when missing.</summary>
    FluidSynth,
}
