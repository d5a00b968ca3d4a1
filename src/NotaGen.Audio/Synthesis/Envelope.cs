namespace NotaGen.Audio.Synthesis;

/// <summary>
/// Loudness over a note's life: a linear attack, an exponential fall towards the sustain level (time constant
/// <paramref name="Decay"/>; sustain 0 gives the free decay of a struck or plucked string), then after release an
/// exponential fall with time constant <paramref name="Release"/>. All times in seconds.
/// </summary>
public sealed record Envelope(double Attack, double Decay, double Sustain, double Release)
{
    /// <summary>The note is rendered for this many release time constants after release (−43 dB).</summary>
    public const double ReleaseTimeConstants = 5;

    public double ReleaseSeconds => Release * ReleaseTimeConstants;

    /// <summary>Fills <paramref name="levels"/> (one value per sample) for a note held <paramref name="heldSamples"/>.</summary>
    public void Fill(Span<float> levels, int heldSamples, int sampleRate, double decayScale = 1)
    {
        var attackSamples = Math.Max(1, (int)(Attack * sampleRate));
        var decayFactor = Decay <= 0 ? 1.0 : Math.Exp(-1.0 / (Decay * decayScale * sampleRate));
        var releaseFactor = Math.Exp(-1.0 / (Math.Max(Release, 1e-4) * sampleRate));
        double excess = 1 - Sustain; // above sustain, falling exponentially
        double level = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            if (i < heldSamples)
            {
                if (i < attackSamples)
                {
                    level = (double)(i + 1) / attackSamples;
                }
                else
                {
                    excess *= decayFactor;
                    level = Sustain + excess;
                }
            }
            else
            {
                level *= releaseFactor;
            }
            levels[i] = (float)level;
        }
    }
}
