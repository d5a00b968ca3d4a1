using System.Diagnostics;
using NotaGen.Audio.Rendering;
using NotaGen.Audio.Synthesis;
using NotaGen.Audio.Wav;
using NotaGen.Music.Midi;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Audio.Tests;

/// <summary>A render can be given up (Ctrl-C in <c>notagen render</c>): it stops and writes nothing.</summary>
public class RenderCancellationTests
{
    [Fact]
    public void The_built_in_synthesizer_stops_on_a_cancelled_token_and_renders_the_same_without_one()
    {
        var piece = TestPieces.FourVoices(bars: 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new BuiltInSynthesizer().Render(piece, cancelled.Token));

        using var live = new CancellationTokenSource();
        var withToken = WavWriter.ToBytes(new BuiltInSynthesizer().Render(piece, live.Token));
        Assert.Equal(WavWriter.ToBytes(new BuiltInSynthesizer().Render(piece)), withToken);
    }

    [Fact]
    public void A_cancelled_render_to_a_file_writes_no_file()
    {
        using var dir = new TempDirectory();
        var wavPath = dir.File("piece.wav");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            AudioRenderer.RenderFile(MidiExporter.Export(TestPieces.FourVoices(bars: 2)), wavPath, Synthesizer.BuiltIn, cancelled.Token));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [SkippableFact]
    public void FluidSynth_is_stopped_mid_render_and_leaves_no_file()
    {
        FluidSynthTests.RequireFluidSynth();
        using var dir = new TempDirectory();
        var midiPath = dir.File("long.mid");
        // 2,000 bars at 1/4=120: 4,000 s of music, far more than FluidSynth renders in the moment before the cancel.
        SmfWriter.WriteFile(MidiExporter.Export(TestPieces.FourVoices(bars: 2000)), midiPath);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            AudioRenderer.RenderFile(midiPath, dir.File("long.wav"), Synthesizer.FluidSynth, cancel.Token));
        // A generous bound: the whole render would take about a minute on this machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(["long.mid"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }
}
