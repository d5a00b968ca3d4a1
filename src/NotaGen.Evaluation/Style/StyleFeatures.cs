using NotaGen.Evaluation.MusPy;
using NotaGen.Evaluation.Pieces;
using NotaGen.Evaluation.SetComparison;
using NotaGen.Music.Events;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The style classifiers' input: a fixed-length vector of pitch-class, interval, rhythm and texture statistics of a
/// piece (the workbench's stand-in for CLaMP 2 / M3 features, which cannot be loaded here). Layout, 64 numbers of
/// pitch and rhythm statistics, then the <see cref="TextureFeatures"/> (part layout, harmony, meter, texture density,
/// note lengths), then the <see cref="HarmonyFeatures"/> (chord vocabulary, chromatic voice-leading, modulation, bass
/// motion). The pitch and rhythm statistics:
/// absolute duration-weighted pitch-class histogram (12); the same rotated so the key signature's major tonic is 0
/// (12); melodic intervals of each voice's top line, |semitones| 0..12 and "more" (14); Yang &amp; Lerch note-length
/// classes (12); texture (8: voices/16, log(1 + notes per bar)/4, polyphony/8, polyphony rate, pitch range/88, mean
/// pitch/127, pitch SD/24, empty-beat rate); meter family (5: duple simple, triple simple, 4/4, compound, other);
/// minor mode (1). Histograms sum to 1.
/// </summary>
public static class StyleFeatures
{
    /// <summary>The pitch and rhythm statistics that come before the <see cref="TextureFeatures"/>.</summary>
    public const int PitchRhythmLength = 64;

    public static int Length { get; } = PitchRhythmLength + TextureFeatures.Length + HarmonyFeatures.Length;

    public static double[] Extract(AnalyzedPiece piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (piece.Events is null || piece.Semantics is null)
            throw new ArgumentException($"{piece.Name}: the piece could not be read, so it has no style features", nameof(piece));
        return Extract(piece.Events, Math.Max(1, piece.Semantics.Voices.Select(v => v.Bars.Count).DefaultIfEmpty(0).Max()));
    }

    public static double[] Extract(ScoreEvents events, int bars)
    {
        ArgumentNullException.ThrowIfNull(events);
        var features = new List<double>(Length);
        var notes = events.Notes;
        var pch = YangLerchFeatures.PitchClassHistogram(notes);
        features.AddRange(pch);
        var tonic = events.Keys.Count == 0 ? 0 : ((events.Keys[0].Fifths * 7) % 12 + 12) % 12;
        features.AddRange(Enumerable.Range(0, 12).Select(i => pch[(i + tonic) % 12]));
        features.AddRange(Intervals(notes));
        var lengths = new double[12];
        foreach (var note in notes) lengths[NoteLengthClasses.Classify(note.Duration)]++;
        features.AddRange(Normalise(lengths));

        var steps = StepScore.From(events);
        var pitches = notes.Select(n => (double)n.Pitch).ToList();
        var mean = pitches.Count == 0 ? 0 : pitches.Average();
        var sd = pitches.Count == 0 ? 0 : Math.Sqrt(pitches.Average(p => (p - mean) * (p - mean)));
        features.Add(Math.Min(events.Voices.Count, 16) / 16.0);
        features.Add(Math.Log(1 + (double)notes.Count / bars) / 4);
        features.Add(Finite(MusPyMetrics.Polyphony(steps)) / 8);
        features.Add(Finite(MusPyMetrics.PolyphonyRate(steps)));
        features.Add(MusPyMetrics.PitchRange(steps) / 88.0);
        features.Add(mean / 127);
        features.Add(sd / 24);
        features.Add(notes.Count == 0 ? 1 : MusPyMetrics.EmptyBeatRate(steps));

        var meter = events.Meters.Count == 0 ? null : events.Meters[0];
        var family = meter switch
        {
            null => 4,
            { Numerator: 4, Denominator: 4 } => 2,
            { Numerator: 6 or 9 or 12 } => 3,
            { Numerator: 2 } => 0,
            { Numerator: 3 } => 1,
            _ => 4,
        };
        features.AddRange(Enumerable.Range(0, 5).Select(i => i == family ? 1.0 : 0.0));
        features.Add(events.Keys.Count > 0 && events.Keys[0].Mode.StartsWith("min", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
        features.AddRange(TextureFeatures.Extract(events, bars));
        features.AddRange(HarmonyFeatures.Extract(events, bars));
        return [.. features];
    }

    private static double[] Intervals(IReadOnlyList<NoteEvent> notes)
    {
        var histogram = new double[14];
        foreach (var voice in notes.GroupBy(n => n.Voice))
        {
            var line = voice.GroupBy(n => n.Onset).OrderBy(g => g.Key).Select(g => g.Max(n => n.Pitch)).ToList();
            for (var i = 0; i + 1 < line.Count; i++)
                histogram[Math.Min(Math.Abs(line[i + 1] - line[i]), 13)]++;
        }
        return Normalise(histogram);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static double[] Normalise(double[] values)
    {
        var total = values.Sum();
        return total == 0 ? values : values.Select(v => v / total).ToArray();
    }
}
