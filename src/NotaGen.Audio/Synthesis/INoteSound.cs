namespace NotaGen.Audio.Synthesis;

/// <summary>One kind of instrument sound: renders a single note, mono, into a buffer.</summary>
public interface INoteSound
{
    /// <summary>How long the note keeps sounding after its key is released.</summary>
    double ReleaseSeconds { get; }

    /// <summary>
    /// Adds the note to <paramref name="output"/>, which spans from the note's start to the end of its release
    /// (or the end of the piece). Deterministic: any noise comes from <see cref="NoteRequest.Seed"/>.
    /// </summary>
    void Render(in NoteRequest note, Span<float> output);
}

/// <summary>One note to render: pitch in Hz, loudness 0..1, samples until the key is released.</summary>
public readonly record struct NoteRequest(int Key, double Frequency, float Gain, int HeldSamples, int SampleRate, ulong Seed)
{
    public static double FrequencyOf(int key) => 440.0 * Math.Pow(2, (key - 69) / 12.0);
}
