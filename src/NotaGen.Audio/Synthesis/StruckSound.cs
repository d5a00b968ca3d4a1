namespace NotaGen.Audio.Synthesis;

/// <summary>
/// Bells, mallets and timpani: a few inharmonic partials (frequency ratio, level, decay time), each a rotating
/// phasor that decays on its own, with a damped release.
/// </summary>
public sealed class StruckSound(IReadOnlyList<(double Ratio, double Level, double Decay)> partials, double releaseSeconds, float gain = 1)
    : INoteSound
{
    public double ReleaseSeconds => releaseSeconds * Envelope.ReleaseTimeConstants;

    public void Render(in NoteRequest note, Span<float> output)
    {
        var release = Math.Exp(-1.0 / (releaseSeconds * note.SampleRate));
        var attack = Math.Max(1, (int)(0.002 * note.SampleRate));
        foreach (var (ratio, level, decay) in partials)
        {
            var frequency = note.Frequency * ratio;
            if (frequency >= note.SampleRate * 0.45)
                continue;
            var step = 2 * Math.PI * frequency / note.SampleRate;
            var fall = Math.Exp(-1.0 / (decay * note.SampleRate));
            double c = Math.Cos(step) * fall, s = Math.Sin(step) * fall;
            double x = note.Gain * gain * level, y = 0;
            double damping = 1;
            for (var i = 0; i < output.Length; i++)
            {
                if (i >= note.HeldSamples)
                    damping *= release;
                var ramp = i < attack ? (double)i / attack : 1;
                output[i] += (float)(y * damping * ramp);
                (x, y) = (x * c - y * s, x * s + y * c);
            }
        }
    }
}
