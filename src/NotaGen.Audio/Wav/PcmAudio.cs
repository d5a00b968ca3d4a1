namespace NotaGen.Audio.Wav;

/// <summary>16-bit PCM audio, frames interleaved (left, right, left, ...).</summary>
public sealed class PcmAudio
{
    public PcmAudio(int sampleRate, int channels, short[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (samples.Length % channels != 0)
            throw new ArgumentException($"{samples.Length} samples do not divide into {channels} channels.", nameof(samples));
        SampleRate = sampleRate;
        Channels = channels;
        Samples = samples;
    }

    public const int CdSampleRate = 44_100;

    public int SampleRate { get; }
    public int Channels { get; }
    public short[] Samples { get; }

    public int FrameCount => Samples.Length / Channels;
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>One channel as a copy, for analysis.</summary>
    public short[] Channel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        var result = new short[FrameCount];
        for (var i = 0; i < result.Length; i++)
            result[i] = Samples[i * Channels + channel];
        return result;
    }
}
