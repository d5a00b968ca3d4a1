using System.Numerics;

namespace NotaGen.Audio.Tests;

/// <summary>A small radix-2 FFT for checking pitches: the frequency of the strongest component of a signal.</summary>
internal static class Spectrum
{
    /// <summary>Magnitudes of a Hann-windowed FFT of the first power-of-two samples starting at <paramref name="start"/>.</summary>
    public static double[] Magnitudes(short[] signal, int start, int size)
    {
        if (!int.IsPow2(size) || start + size > signal.Length)
            throw new ArgumentException("size must be a power of two within the signal");
        var data = new Complex[size];
        for (var i = 0; i < size; i++)
            data[i] = signal[start + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (size - 1)));
        Transform(data);
        return data.Take(size / 2).Select(c => c.Magnitude).ToArray();
    }

    /// <summary>Frequency of the highest peak, refined by a parabola through the peak bin and its neighbours.</summary>
    public static double PeakFrequency(short[] signal, int sampleRate, int start = 0, int size = 1 << 16)
    {
        var magnitudes = Magnitudes(signal, start, size);
        var peak = 1;
        for (var k = 1; k < magnitudes.Length - 1; k++)
        {
            if (magnitudes[k] > magnitudes[peak])
                peak = k;
        }
        double a = magnitudes[peak - 1], b = magnitudes[peak], c = magnitudes[peak + 1];
        var offset = 0.5 * (a - c) / (a - 2 * b + c);
        return (peak + offset) * sampleRate / size;
    }

    /// <summary>Magnitude at the bin nearest <paramref name="frequency"/> (the largest of it and its neighbours).</summary>
    public static double At(double[] magnitudes, double frequency, int sampleRate)
    {
        var size = magnitudes.Length * 2;
        var bin = (int)Math.Round(frequency * size / sampleRate);
        return Math.Max(magnitudes[bin], Math.Max(magnitudes[bin - 1], magnitudes[bin + 1]));
    }

    private static void Transform(Complex[] data)
    {
        var n = data.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
                j ^= bit;
            j ^= bit;
            if (i < j)
                (data[i], data[j]) = (data[j], data[i]);
        }
        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = -2 * Math.PI / length;
            var step = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var i = 0; i < n; i += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var u = data[i + k];
                    var v = data[i + k + length / 2] * w;
                    data[i + k] = u + v;
                    data[i + k + length / 2] = u - v;
                    w *= step;
                }
            }
        }
    }
}
