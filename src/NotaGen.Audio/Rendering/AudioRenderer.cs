using NotaGen.Audio.Synthesis;
using NotaGen.Audio.Wav;
using NotaGen.Music.Events;
using NotaGen.Music.IO;
using NotaGen.Music.Midi;

namespace NotaGen.Audio.Rendering;

/// <summary>
/// MIDI or a piece's events → WAV, with FluidSynth when it is installed (or asked for) and the built-in synthesizer
/// otherwise. The entry point for the CLI, notebooks and scripts.
/// </summary>
public static class AudioRenderer
{
    /// <summary>The synthesizer <paramref name="choice"/> resolves to on this machine.</summary>
    public static Synthesizer Resolve(Synthesizer choice) => choice switch
    {
        Synthesizer.Auto => FluidSynthRenderer.IsAvailable ? Synthesizer.FluidSynth : Synthesizer.BuiltIn,
        _ => choice,
    };

    /// <summary>Renders a MIDI file to a WAV file (atomically); returns the synthesizer used.</summary>
    /// <exception cref="NotaGen.Music.MusicFormatException">The MIDI file is malformed.</exception>
    /// <exception cref="AudioRenderingException">FluidSynth was asked for and is missing or failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled; nothing is written.</exception>
    public static Synthesizer RenderFile(string midiPath, string wavPath, Synthesizer choice = Synthesizer.Auto, CancellationToken cancel = default)
    {
        var midi = SmfReader.ReadFile(midiPath, cancel); // validates the input for both synthesizers
        var synthesizer = Resolve(choice);
        if (synthesizer == Synthesizer.FluidSynth)
            FluidSynthRenderer.Render(midiPath, wavPath, new MidiTempoMap(midi).ToSeconds(midi.EndTick), cancel: cancel);
        else
            WavWriter.WriteFile(new BuiltInSynthesizer().Render(midi, cancel), wavPath);
        return synthesizer;
    }

    /// <summary>Renders MIDI held in memory (a piece just exported, say) to a WAV file, atomically.</summary>
    public static Synthesizer RenderFile(MidiFile midi, string wavPath, Synthesizer choice = Synthesizer.Auto, CancellationToken cancel = default)
    {
        var synthesizer = Resolve(choice);
        var wav = RenderWav(midi, synthesizer, cancel);
        AtomicFile.WriteAllBytes(wavPath, wav);
        return synthesizer;
    }

    /// <summary>A piece as WAV bytes, e.g. for an HTML audio player.</summary>
    public static byte[] RenderWav(ScoreEvents score, Synthesizer choice = Synthesizer.Auto) =>
        RenderWav(MidiExporter.Export(score), choice);

    public static byte[] RenderWav(MidiFile midi, Synthesizer choice = Synthesizer.Auto, CancellationToken cancel = default)
    {
        if (Resolve(choice) != Synthesizer.FluidSynth)
            return WavWriter.ToBytes(new BuiltInSynthesizer().Render(midi, cancel));

        var dir = Path.Combine(Path.GetTempPath(), $"notagen-audio-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var midiPath = Path.Combine(dir, "piece.mid");
            var wavPath = Path.Combine(dir, "piece.wav");
            AtomicFile.Write(midiPath, stream => new SmfWriter().Write(midi, stream));
            FluidSynthRenderer.Render(midiPath, wavPath, new MidiTempoMap(midi).ToSeconds(midi.EndTick), cancel: cancel);
            return File.ReadAllBytes(wavPath);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
