using NotaGen.Audio.Synthesis;
using NotaGen.Audio.Wav;
using NotaGen.Music.Midi;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Audio.Tests;

public class BuiltInSynthesizerTests
{
    private static readonly BuiltInSynthesizer Synth = new();

    [Theory]
    [InlineData("Piano")]
    [InlineData("Violin")]
    [InlineData("Flute")]
    [InlineData("Clarinet")]
    [InlineData("Organ")]
    [InlineData("Trumpet")]
    [InlineData("Guitar")]
    [InlineData("Harp")]
    [InlineData("Harpsichord")]
    public void ALoneA4HasItsSpectralPeakAt440Hz(string instrument)
    {
        var audio = Synth.Render(TestPieces.LoneA4(instrument));
        AudioChecks.IsAudibleAndUnclipped(audio);
        var peak = Spectrum.PeakFrequency(audio.Channel(0), audio.SampleRate, start: 2205);
        Assert.InRange(peak, 439, 441);
    }

    [SkippableFact]
    public void AFourVoicePieceIsAsLongAsItsMidiFileAndPassesSox()
    {
        using var dir = new TempDirectory();
        var score = TestPieces.FourVoices(bars: 6, tempo: 96);
        var midiPath = dir.File("piece.mid");
        SmfWriter.WriteFile(MidiExporter.Export(score), midiPath);
        var wavPath = dir.File("piece.wav");
        WavWriter.WriteFile(Synth.Render(SmfReader.ReadFile(midiPath)), wavPath);

        var audio = WavReader.ReadFile(wavPath);
        AudioChecks.IsAudibleAndUnclipped(audio);
        Assert.InRange(audio.Duration.TotalSeconds - AudioChecks.MidoLength(midiPath), -0.5, 0.5);
        AudioChecks.SoxAgrees(wavPath, audio);
    }

    [SkippableFact]
    public void ARealCorpusFileRendersToItsLength()
    {
        var path = SharedData.Files("corpus/midi", ".mid").MinBy(f => new FileInfo(f).Length)!;
        var audio = Synth.Render(SmfReader.ReadFile(path));
        AudioChecks.IsAudibleAndUnclipped(audio);
        Assert.InRange(audio.Duration.TotalSeconds - AudioChecks.MidoLength(path), -0.5, 0.5);
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        var score = TestPieces.FourVoices(bars: 2);
        Assert.Equal(Synth.Render(score).Samples, new BuiltInSynthesizer().Render(score).Samples);
        var guitar = TestPieces.LoneA4("Guitar"); // seeded noise excites the string
        Assert.Equal(Synth.Render(guitar).Samples, Synth.Render(guitar).Samples);
    }

    [Fact]
    public void TheMixPeaksAtMinusOneDecibelFullScale()
    {
        var audio = Synth.Render(TestPieces.FourVoices(bars: 2));
        var peak = audio.Samples.Max(s => Math.Abs((int)s)) / (double)short.MaxValue;
        Assert.InRange(20 * Math.Log10(peak), -1.1, -0.9);
    }

    [Fact]
    public void APianoNoteDecaysWhileAViolinNoteSustains()
    {
        // Two whole notes = 4 s held: compare the loudness of the first and the fourth second.
        double Ratio(string instrument)
        {
            var left = Synth.Render(TestPieces.LoneA4(instrument, wholeNotes: 2)).Channel(0);
            return Rms(left, 3 * 44_100, 44_100) / Rms(left, 0, 44_100);
        }
        Assert.True(Ratio("Piano") < 0.3, $"piano keeps {Ratio("Piano"):0.00} of its level");
        Assert.True(Ratio("Violin") > 0.7, $"violin keeps {Ratio("Violin"):0.00} of its level");
    }

    [Fact]
    public void FamiliesHaveDistinctSpectra()
    {
        // Harmonic 2 (880 Hz) against harmonic 3 (1320 Hz): a clarinet's even harmonics are weak, a violin's are not;
        // a flute has little above its fundamental. Measured after the attack and before vibrato sets in (0.2 s).
        double Harmonic(string instrument, int h)
        {
            var audio = Synth.Render(TestPieces.LoneA4(instrument));
            var magnitudes = Spectrum.Magnitudes(audio.Channel(0), 3528, 1 << 12);
            return Spectrum.At(magnitudes, 440.0 * h, audio.SampleRate) / Spectrum.At(magnitudes, 440, audio.SampleRate);
        }
        Assert.True(Harmonic("Clarinet", 2) < 0.5 * Harmonic("Clarinet", 3), "clarinet: odd harmonics dominate");
        Assert.True(Harmonic("Violin", 2) > Harmonic("Violin", 3), "violin: a full harmonic series");
        Assert.True(Harmonic("Flute", 5) < 0.05, $"flute: nearly pure, harmonic 5 at {Harmonic("Flute", 5):0.000}");
        Assert.True(Harmonic("Violin", 5) > 0.1, $"violin: rich, harmonic 5 at {Harmonic("Violin", 5):0.000}");
    }

    [Fact]
    public void VoicesArePlacedAcrossTheStereoField()
    {
        // The first voice plays only in bar 1, the last only in bar 2: bar 1 leans left, bar 2 right.
        var score = TestPieces.FourVoices(bars: 2);
        score = score with { Notes = score.Notes.Where(n => (n.Voice, n.Bar) is ("S", 0) or ("B", 1)).ToList() };
        var audio = Synth.Render(score);
        var (left, right) = (audio.Channel(0), audio.Channel(1));
        var bar = 2 * 44_100; // 4 quarters at 120 per minute
        Assert.True(Rms(left, 0, bar) > 1.5 * Rms(right, 0, bar), "the first voice sits left");
        Assert.True(Rms(right, bar, bar) > 1.5 * Rms(left, bar, bar), "the last voice sits right");
    }

    private static double Rms(short[] samples, int start, int count) =>
        Math.Sqrt(samples.Skip(start).Take(count).Average(x => (double)x * x));
}
