namespace NotaGen.Audio.Synthesis;

/// <summary>
/// A plucked string by the Karplus–Strong method: a delay line one period long, filled with seeded noise and fed
/// back through a two-point average, so high partials die before low ones as on a guitar, harp or harpsichord.
/// </summary>
/// <param name="ringSeconds">Time for a middle-C note to fall by 60 dB while held.</param>
/// <param name="brightness">0..1: how much of the pluck's high content is in the initial noise.</param>
/// <param name="releaseSeconds">Damping time constant once the key is released.</param>
public sealed class PluckedSound(double ringSeconds, double brightness, double releaseSeconds, float gain = 1) : INoteSound
{
    public double ReleaseSeconds => releaseSeconds * Envelope.ReleaseTimeConstants;

    public void Render(in NoteRequest note, Span<float> output)
    {
        // The average adds half a sample of delay; the rest is read between samples so the pitch is exact.
        var delay = Math.Max(2.0, note.SampleRate / note.Frequency - 0.5);
        var whole = (int)delay;
        var fraction = delay - whole;
        var size = whole + 2;
        var history = new double[size];

        var ring = ringSeconds * Math.Clamp(Math.Pow(note.Frequency / 261.6, -0.5), 0.25, 3);
        var loss = Math.Pow(10, -3 / (ring * note.Frequency));
        var release = Math.Exp(-1.0 / (releaseSeconds * note.SampleRate));
        var random = new SplitMix64(note.Seed);
        var amplitude = note.Gain * gain;
        double damping = 1, filtered = 0, previousRead = 0;
        for (var i = 0; i < output.Length; i++)
        {
            double y;
            if (i <= whole)
            {
                // The pluck: one period of low-passed noise.
                filtered += brightness * (random.NextSigned() - filtered);
                y = filtered;
            }
            else
            {
                var a = history[(i - whole) % size];
                var b = history[(i - whole - 1) % size];
                var read = a + (b - a) * fraction;
                y = loss * 0.5 * (read + previousRead);
                previousRead = read;
            }
            history[i % size] = y;
            if (i >= note.HeldSamples)
                damping *= release;
            output[i] += (float)(y * amplitude * damping);
        }
    }
}
