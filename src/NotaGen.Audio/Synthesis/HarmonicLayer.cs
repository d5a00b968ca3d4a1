namespace NotaGen.Audio.Synthesis;

/// <summary>
/// One component of an additive sound: a spectrum (amplitude of harmonic n at frequency f), its own envelope and a
/// level. Piano-like sounds use a bright layer that dies fast over a mellow one that lasts.
/// </summary>
/// <param name="DecayPitchExponent">Decay time scales as (f / 261.6 Hz)^exponent: negative makes low notes ring longer.</param>
public sealed record HarmonicLayer(Func<int, double, double> Spectrum, Envelope Envelope, float Level = 1, double DecayPitchExponent = 0)
{
    public double DecayScale(double frequency) =>
        DecayPitchExponent == 0 ? 1 : Math.Clamp(Math.Pow(frequency / 261.6, DecayPitchExponent), 0.15, 4);
}
