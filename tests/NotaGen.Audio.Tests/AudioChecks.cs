using NotaGen.Audio.Wav;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Audio.Tests;

/// <summary>The checks every rendering must pass, and the independent tools that measure them.</summary>
internal static class AudioChecks
{
    public static void IsAudibleAndUnclipped(PcmAudio audio)
    {
        Assert.Equal(44_100, audio.SampleRate);
        Assert.Equal(2, audio.Channels);
        var peak = audio.Samples.Max(s => Math.Abs((int)s));
        var rms = Math.Sqrt(audio.Samples.Average(s => (double)s * s));
        Assert.True(rms > 0.01 * short.MaxValue, $"RMS {rms:0} is near silence");
        Assert.True(peak < short.MaxValue, $"peak {peak} clips");
        Assert.DoesNotContain(short.MinValue, audio.Samples);
    }

    /// <summary>The length of a MIDI file in seconds as python3-mido computes it.</summary>
    public static double MidoLength(string midiPath)
    {
        var python = ExternalTool.RequirePythonModule("mido", "python3-mido");
        var result = ExternalTool.Run(python, ["-c", "import mido, sys; print(mido.MidiFile(sys.argv[1]).length)", midiPath],
            Path.GetTempPath(), TimeSpan.FromMinutes(1));
        Assert.Equal(0, result.ExitCode);
        return double.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What <c>sox --i</c> says about a file: channels, sample rate, precision and duration in samples.</summary>
    public static void SoxAgrees(string wavPath, PcmAudio audio)
    {
        var sox = ExternalTool.Require("sox", "sox");
        var result = ExternalTool.Run(sox, ["--i", wavPath], Path.GetTempPath(), TimeSpan.FromMinutes(1));
        Assert.Equal(0, result.ExitCode);
        var info = result.StandardOutput;
        Assert.Matches(@"Channels\s*:\s*2", info);
        Assert.Matches(@"Sample Rate\s*:\s*44100", info);
        Assert.Matches(@"Precision\s*:\s*16-bit", info);
        Assert.Contains($"= {audio.FrameCount} samples", info, StringComparison.Ordinal);
    }
}
