using NotaGen.Audio.Wav;

namespace NotaGen.Audio.Mixing;

/// <summary>
/// The last step for every synthesizer: cut the mix to the piece's length plus a short tail, fade the cut, and
/// normalise to −1 dBFS so that nothing clips and every rendering plays equally loud.
/// </summary>
public static class StereoMix
{
    /// <summary>Release tails may ring this far past the piece's last tick.</summary>
    public const double TailSeconds = 0.3;

    /// <summary>Peak level of the normalised mix: −1 dBFS.</summary>
    public const double PeakLevel = 0.891;

    private const double FadeSeconds = 0.05;

    /// <summary>Frames for a piece of <paramref name="lengthSeconds"/> with its tail.</summary>
    public static int FramesFor(double lengthSeconds, int sampleRate) =>
        (int)Math.Ceiling((lengthSeconds + TailSeconds) * sampleRate);

    public static PcmAudio Finish(float[] left, float[] right, int frames, int sampleRate)
    {
        frames = Math.Min(frames, left.Length);
        var fade = Math.Min((int)(FadeSeconds * sampleRate), frames);
        for (var i = 0; i < fade; i++)
        {
            var gain = (float)i / fade;
            left[frames - 1 - i] *= gain;
            right[frames - 1 - i] *= gain;
        }

        float peak = 0;
        for (var i = 0; i < frames; i++)
            peak = Math.Max(peak, Math.Max(Math.Abs(left[i]), Math.Abs(right[i])));
        var scale = peak > 0 ? (float)(PeakLevel * short.MaxValue / peak) : 0;
        var samples = new short[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            samples[2 * i] = (short)Math.Round(left[i] * scale);
            samples[2 * i + 1] = (short)Math.Round(right[i] * scale);
        }
        return new PcmAudio(sampleRate, 2, samples);
    }

    /// <summary>Trims and normalises audio another synthesizer wrote (mono is spread to both sides).</summary>
    public static PcmAudio Finish(PcmAudio audio, double lengthSeconds)
    {
        var frames = audio.FrameCount;
        var left = new float[frames];
        var right = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            left[i] = audio.Samples[i * audio.Channels];
            right[i] = audio.Samples[i * audio.Channels + (audio.Channels > 1 ? 1 : 0)];
        }
        return Finish(left, right, Math.Min(frames, FramesFor(lengthSeconds, audio.SampleRate)), audio.SampleRate);
    }
}
