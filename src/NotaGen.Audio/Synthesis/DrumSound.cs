namespace NotaGen.Audio.Synthesis;

/// <summary>
/// The General MIDI percussion channel, roughly: low keys (kicks, toms) are a falling sine thump, the rest a burst
/// of seeded noise, darker and longer for low keys, brighter and shorter for cymbals and hi-hats.
/// </summary>
public sealed class DrumSound : INoteSound
{
    public double ReleaseSeconds => 0.4;

    public void Render(in NoteRequest note, Span<float> output)
    {
        var random = new SplitMix64(note.Seed);
        var rate = note.SampleRate;
        var isDrum = note.Key is 35 or 36 or 41 or 43 or 45 or 47 or 48 or 50;
        var decay = isDrum ? 0.18 : note.Key is 42 or 44 or 46 ? 0.05 : 0.12;
        var fall = Math.Exp(-1.0 / (decay * rate));
        var brightness = Math.Clamp((note.Key - 30) / 50.0, 0.1, 0.95);
        double level = note.Gain, phase = 0, noise = 0;
        var thump = 50 + (note.Key - 35) * 6.0;
        for (var i = 0; i < output.Length; i++)
        {
            double sample;
            if (isDrum)
            {
                var frequency = thump * (1 + 1.5 * Math.Exp(-i / (0.02 * rate)));
                phase += 2 * Math.PI * frequency / rate;
                sample = Math.Sin(phase);
            }
            else
            {
                noise += brightness * (random.NextSigned() - noise);
                sample = noise * 1.5;
            }
            output[i] += (float)(sample * level);
            level *= fall;
        }
    }
}
