using NotaGen.Audio.Rendering;
using NotaGen.Audio.Wav;
using NotaGen.Music.Midi;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Audio.Tests;

/// <summary>The FluidSynth path, run when FluidSynth and a GM SoundFont are installed (Debian fluidsynth, timgm6mb-soundfont).</summary>
public class FluidSynthTests
{
    internal static void RequireFluidSynth()
    {
        ExternalTool.Require("fluidsynth", "fluidsynth");
        if (FluidSynthRenderer.FindSoundFont() is null)
            Requirement.Missing("needs a General MIDI SoundFont (Debian package timgm6mb-soundfont)", "NOTAGEN_REQUIRE_TOOLS");
    }

    [SkippableFact]
    public void AutoPicksFluidSynthWhenInstalled()
    {
        RequireFluidSynth();
        Assert.Equal(Synthesizer.FluidSynth, AudioRenderer.Resolve(Synthesizer.Auto));
    }

    [SkippableFact]
    public void FluidSynthRendersAPieceToItsLength()
    {
        RequireFluidSynth();
        using var dir = new TempDirectory();
        var midiPath = dir.File("piece.mid");
        SmfWriter.WriteFile(MidiExporter.Export(TestPieces.FourVoices(bars: 4)), midiPath);
        var wavPath = dir.File("piece.wav");
        Assert.Equal(Synthesizer.FluidSynth, AudioRenderer.RenderFile(midiPath, wavPath, Synthesizer.FluidSynth));

        var audio = WavReader.ReadFile(wavPath);
        AudioChecks.IsAudibleAndUnclipped(audio);
        Assert.InRange(audio.Duration.TotalSeconds - AudioChecks.MidoLength(midiPath), -0.5, 0.5);
        AudioChecks.SoxAgrees(wavPath, audio);
    }

    [SkippableFact]
    public void FluidSynthPlaysALoneA4At440Hz()
    {
        RequireFluidSynth();
        // Piano: TimGM6mb's flute sample is tuned about 12 cents sharp.
        var wav = AudioRenderer.RenderWav(TestPieces.LoneA4("Piano"), Synthesizer.FluidSynth);
        var audio = WavReader.Read(wav, "a4.wav");
        AudioChecks.IsAudibleAndUnclipped(audio);
        Assert.InRange(Spectrum.PeakFrequency(audio.Channel(0), audio.SampleRate, start: 4410), 438, 442);
    }

    [Fact]
    public void TheBuiltInSynthesizerIsUsedWhenAskedEvenWithFluidSynthInstalled()
    {
        using var dir = new TempDirectory();
        var midiPath = dir.File("a4.mid");
        SmfWriter.WriteFile(MidiExporter.Export(TestPieces.LoneA4("Piano")), midiPath);
        Assert.Equal(Synthesizer.BuiltIn, AudioRenderer.RenderFile(midiPath, dir.File("a4.wav"), Synthesizer.BuiltIn));
        Assert.True(File.Exists(dir.File("a4.wav")));
    }

    [Fact]
    public void ABadMidiFileIsReportedBeforeAnySynthesizerRuns()
    {
        using var dir = new TempDirectory();
        var midiPath = dir.File("bad.mid");
        File.WriteAllBytes(midiPath, [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1, 1, 0xE0]);
        var error = Assert.Throws<NotaGen.Music.MusicFormatException>(() => AudioRenderer.RenderFile(midiPath, dir.File("bad.wav")));
        Assert.Contains("track 1, byte 14", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("bad.wav")));
    }
}
