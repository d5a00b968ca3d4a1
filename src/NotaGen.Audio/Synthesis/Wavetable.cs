namespace NotaGen.Audio.Synthesis;

/// <summary>
/// One period of a waveform built from harmonic amplitudes, keeping only harmonics below the Nyquist frequency for
/// the note's pitch so that high notes do not alias. Read with linear interpolation; peak-normalised.
/// </summary>
public sealed class Wavetable
{
    public const int Size = 2048;

    private static readonly double[] Sine = Enumerable.Range(0, Size).Select(i => Math.Sin(2 * Math.PI * i / Size)).ToArray();

    private readonly float[] samples; // Size + 1 values; the last repeats the first for interpolation

    public Wavetable(Func<int, double, double> harmonicAmplitude, double frequency, int sampleRate)
    {
        // Leave headroom below Nyquist for vibrato.
        var harmonics = Math.Max(1, (int)(sampleRate * 0.45 / frequency));
        var amplitudes = new double[Math.Min(harmonics, 64) + 1];
        for (var h = 1; h < amplitudes.Length; h++)
            amplitudes[h] = harmonicAmplitude(h, frequency * h);
        var wave = new double[Size];
        for (var h = 1; h < amplitudes.Length; h++)
        {
            if (amplitudes[h] == 0)
                continue;
            // sin(2π·h·i/Size) is the base sine at index h·i mod Size: no trigonometry per sample.
            for (var i = 0; i < Size; i++)
                wave[i] += amplitudes[h] * Sine[h * i % Size];
        }
        var peak = wave.Max(Math.Abs);
        samples = new float[Size + 1];
        for (var i = 0; i < Size; i++)
            samples[i] = (float)(peak > 0 ? wave[i] / peak : 0);
        samples[Size] = samples[0];
    }

    /// <summary>The value at <paramref name="phase"/> in [0, Size).</summary>
    public float At(double phase)
    {
        var index = (int)phase;
        var fraction = (float)(phase - index);
        return samples[index] + (samples[index + 1] - samples[index]) * fraction;
    }
}
