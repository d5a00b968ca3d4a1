using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.SetComparison;

/// <summary>
/// Yang &amp; Lerch 2020's per-piece features (mgeval). Notes are taken in onset order (then pitch) across all voices,
/// as mgeval reads one MIDI note list. Choices where mgeval has options: PCTM and NLTM are normalised by their total
/// (sum 1); IOI is in quarter notes (mgeval: seconds), the mean gap between consecutive distinct onsets; note lengths
/// are classed in 1/96 of a whole note.
/// </summary>
public static class YangLerchFeatures
{
    public static readonly string[] Names = ["PC", "NC", "PCH", "PCTM", "PR", "PI", "IOI", "NLH", "NLTM"];

    /// <summary>Every feature of a piece by name; scalars are one-element vectors.</summary>
    public static IReadOnlyDictionary<string, double[]> Compute(ScoreEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var notes = events.Notes.OrderBy(n => n.Onset).ThenBy(n => n.Pitch).ToList();
        var features = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["PC"] = [notes.Select(n => n.Pitch).Distinct().Count()],
            ["NC"] = [notes.Count],
            ["PCH"] = PitchClassHistogram(notes),
            ["PCTM"] = Transitions(notes.Select(n => n.Pitch % 12).ToList(), 12),
            ["PR"] = [notes.Count == 0 ? 0 : notes.Max(n => n.Pitch) - notes.Min(n => n.Pitch)],
            ["PI"] = [notes.Count < 2 ? 0 : notes.Zip(notes.Skip(1)).Average(p => Math.Abs(p.Second.Pitch - p.First.Pitch))],
            ["IOI"] = [InterOnsetInterval(notes)],
            ["NLH"] = Normalise(Histogram(notes.Select(n => NoteLengthClasses.Classify(n.Duration)), 12)),
            ["NLTM"] = Transitions(notes.Select(n => NoteLengthClasses.Classify(n.Duration)).ToList(), 12),
        };
        return features;
    }

    /// <summary>12 pitch classes weighted by duration, summing to 1 (all zeros without notes).</summary>
    public static double[] PitchClassHistogram(IReadOnlyList<NoteEvent> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var weights = new Rational[12];
        foreach (var note in notes)
            weights[note.Pitch % 12] += note.Duration;
        var total = weights.Aggregate(Rational.Zero, (a, b) => a + b);
        return weights.Select(w => total.IsZero ? 0 : (w / total).ToDouble()).ToArray();
    }

    private static double InterOnsetInterval(IReadOnlyList<NoteEvent> notes)
    {
        var onsets = notes.Select(n => n.Onset).Distinct().ToList();
        if (onsets.Count < 2) return 0;
        var total = onsets[^1] - onsets[0];
        return (total * 4 / (onsets.Count - 1)).ToDouble();
    }

    private static double[] Transitions(IReadOnlyList<int> sequence, int size)
    {
        var matrix = new double[size * size];
        for (var i = 0; i + 1 < sequence.Count; i++)
            matrix[sequence[i] * size + sequence[i + 1]]++;
        return Normalise(matrix);
    }

    private static double[] Histogram(IEnumerable<int> values, int size)
    {
        var histogram = new double[size];
        foreach (var v in values) histogram[v]++;
        return histogram;
    }

    private static double[] Normalise(double[] values)
    {
        var total = values.Sum();
        return total == 0 ? values : values.Select(v => v / total).ToArray();
    }
}
