namespace NotaGen.Audio.Synthesis;

/// <summary>A slow periodic pitch wobble, faded in after <paramref name="Delay"/> as players do on long notes.</summary>
public sealed record Vibrato(double RateHz, double DepthCents, double Delay)
{
    /// <summary>Fills per-sample frequency multipliers (1 ± depth).</summary>
    public void Fill(Span<float> multipliers, int sampleRate, double phase)
    {
        var depth = Math.Pow(2, DepthCents / 1200) - 1;
        var delaySamples = Delay * sampleRate;
        var fadeSamples = 0.25 * sampleRate;
        // A rotating phasor: one complex multiply per sample instead of a sine.
        var step = 2 * Math.PI * RateHz / sampleRate;
        double c = Math.Cos(step), s = Math.Sin(step);
        double x = Math.Cos(phase), y = Math.Sin(phase);
        for (var i = 0; i < multipliers.Length; i++)
        {
            var fade = Math.Clamp((i - delaySamples) / fadeSamples, 0, 1);
            multipliers[i] = (float)(1 + depth * fade * y);
            (x, y) = (x * c - y * s, x * s + y * c);
        }
    }
}
