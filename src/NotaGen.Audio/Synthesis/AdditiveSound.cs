using System.Buffers;
using System.Collections.Concurrent;

namespace NotaGen.Audio.Synthesis;

/// <summary>
/// Sounds built from harmonic layers read from band-limited wavetables: pianos (decaying partials), and the
/// sustained families — bowed strings, winds, brass, voices, organ — with attack and release and, for most, vibrato.
/// </summary>
public sealed class AdditiveSound(IReadOnlyList<HarmonicLayer> layers, Vibrato? vibrato = null, float gain = 1) : INoteSound
{
    private readonly ConcurrentDictionary<(int Layer, int Key, int SampleRate), Wavetable> tables = new();

    public double ReleaseSeconds { get; } = layers.Max(l => l.Envelope.ReleaseSeconds);

    public void Render(in NoteRequest note, Span<float> output)
    {
        var n = output.Length;
        // Pooled: a long piece renders thousands of notes, and fresh arrays per note cost more than the synthesis.
        var pitchBuffer = ArrayPool<float>.Shared.Rent(n);
        var levelBuffer = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Render(note, output, pitchBuffer.AsSpan(0, n), levelBuffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pitchBuffer);
            ArrayPool<float>.Shared.Return(levelBuffer);
        }
    }

    private void Render(in NoteRequest note, Span<float> output, Span<float> pitch, Span<float> levels)
    {
        var n = output.Length;
        if (vibrato is null)
            pitch.Fill(1);
        else
            vibrato.Fill(pitch, note.SampleRate, phase: note.Seed % 628 / 100.0);

        for (var l = 0; l < layers.Count; l++)
        {
            var layer = layers[l];
            var frequency = note.Frequency;
            var sampleRate = note.SampleRate;
            var table = tables.GetOrAdd((l, note.Key, sampleRate), _ => new Wavetable(layer.Spectrum, frequency, sampleRate));
            layer.Envelope.Fill(levels, note.HeldSamples, sampleRate, layer.DecayScale(frequency));
            var increment = frequency * Wavetable.Size / sampleRate;
            var amplitude = note.Gain * gain * layer.Level;
            double phase = 0;
            for (var i = 0; i < n; i++)
            {
                output[i] += table.At(phase) * levels[i] * amplitude;
                phase += increment * pitch[i];
                if (phase >= Wavetable.Size)
                    phase -= Wavetable.Size;
            }
        }
    }
}
