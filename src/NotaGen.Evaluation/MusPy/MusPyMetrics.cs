namespace NotaGen.Evaluation.MusPy;

/// <summary>
/// MusPy's objective metrics (salu133445/muspy at 2e1dc66, muspy/metrics/metrics.py), computed as its code computes
/// them on a <see cref="StepScore"/>. The workbench has no drum tracks, so the drum rules never apply. Quirks kept:
/// <list type="bullet">
/// <item>polyphony_rate counts steps with MORE than <c>threshold</c> (default 2) sounding pitches, i.e. ≥ 3 by default;</item>
/// <item>empty_beat_rate marks beats ⌊start/res⌋..⌊end/res⌋ inclusive, so a note ending on a beat line occupies the
/// next beat too, and counts ⌊length/res⌋ + 1 beats;</item>
/// <item>groove_consistency counts ⌊length/mres⌋ + 1 measures (an extra, empty measure when the piece ends on a bar line);</item>
/// <item>the entropies count notes, not durations; the piano roll is binary (two voices on one pitch count once).</item>
/// </list>
/// Scores without notes give 0 for counts and ranges and NaN for ratios MusPy would divide by zero in.
/// </summary>
public static class MusPyMetrics
{
    private static readonly bool[] MajorMask = Mask("101011010101");
    private static readonly bool[] MinorMask = Mask("101101011010");

    public static int PitchRange(StepScore score) =>
        score.Notes.Count == 0 ? 0 : score.Notes.Max(n => n.Pitch) - score.Notes.Min(n => n.Pitch);

    public static int PitchesUsed(StepScore score) => score.Notes.Select(n => n.Pitch).Distinct().Count();

    public static int PitchClassesUsed(StepScore score) => score.Notes.Select(n => n.Pitch % 12).Distinct().Count();

    /// <summary>Mean number of sounding pitches over the steps where something sounds.</summary>
    public static double Polyphony(StepScore score)
    {
        var counts = SoundingCounts(score);
        var active = counts.Count(c => c > 0);
        return active == 0 ? double.NaN : (double)counts.Sum() / active;
    }

    /// <summary>Share of all steps with more than <paramref name="threshold"/> sounding pitches.</summary>
    public static double PolyphonyRate(StepScore score, int threshold = 2)
    {
        var counts = SoundingCounts(score);
        return counts.Length == 0 ? double.NaN : (double)counts.Count(c => c > threshold) / counts.Length;
    }

    /// <summary>Share of notes whose pitch class lies in the scale of <paramref name="root"/> (0 = C) and mode.</summary>
    public static double PitchInScaleRate(StepScore score, int root, bool minor)
    {
        if (score.Notes.Count == 0) return double.NaN;
        var mask = minor ? MinorMask : MajorMask;
        return (double)score.Notes.Count(n => mask[((n.Pitch - root) % 12 + 12) % 12]) / score.Notes.Count;
    }

    /// <summary>The largest pitch-in-scale rate over the 24 major and minor keys.</summary>
    public static double ScaleConsistency(StepScore score)
    {
        if (score.Notes.Count == 0) return double.NaN;
        var best = 0.0;
        foreach (var minor in new[] { false, true })
            for (var root = 0; root < 12; root++)
                best = Math.Max(best, PitchInScaleRate(score, root, minor));
        return best;
    }

    public static double PitchEntropy(StepScore score) => Entropy(score.Notes.GroupBy(n => n.Pitch).Select(g => g.Count()));

    public static double PitchClassEntropy(StepScore score) => Entropy(score.Notes.GroupBy(n => n.Pitch % 12).Select(g => g.Count()));

    /// <summary>Share of beats (quarter notes) that no note touches.</summary>
    public static double EmptyBeatRate(StepScore score)
    {
        var beats = score.Length / score.Resolution + 1;
        var occupied = new bool[beats];
        foreach (var note in score.Notes)
            for (var beat = note.Start / score.Resolution; beat <= note.End / score.Resolution && beat < beats; beat++)
                occupied[beat] = true;
        return 1 - (double)occupied.Count(o => o) / beats;
    }

    /// <summary>1 − mean Hamming distance between the onset patterns of neighbouring measures of <paramref name="measureResolution"/> steps.</summary>
    public static double GrooveConsistency(StepScore score, int measureResolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(measureResolution, 1);
        var measures = score.Length / measureResolution + 1;
        if (score.Notes.Count == 0 || measures < 2) return double.NaN;
        var onsets = new bool[measures, measureResolution];
        foreach (var note in score.Notes)
            onsets[note.Start / measureResolution, note.Start % measureResolution] = true;
        var distance = 0;
        for (var m = 0; m + 1 < measures; m++)
            for (var p = 0; p < measureResolution; p++)
                if (onsets[m, p] != onsets[m + 1, p]) distance++;
        return 1 - (double)distance / (measureResolution * (measures - 1));
    }

    /// <summary>Sounding pitches per step of the binary piano roll (a pitch held by two voices counts once).</summary>
    private static int[] SoundingCounts(StepScore score)
    {
        var length = score.Length;
        var roll = new bool[length, 128];
        foreach (var note in score.Notes)
            for (var t = note.Start; t < note.End; t++)
                roll[t, note.Pitch] = true;
        var counts = new int[length];
        for (var t = 0; t < length; t++)
            for (var p = 0; p < 128; p++)
                if (roll[t, p]) counts[t]++;
        return counts;
    }

    /// <summary>Shannon entropy in bits of a histogram (MusPy's <c>-nansum(p log2 p)</c>); NaN for an empty one.</summary>
    public static double Entropy(IEnumerable<int> counts)
    {
        var list = counts.Where(c => c > 0).ToList();
        var total = list.Sum();
        if (total == 0) return double.NaN;
        return -list.Sum(c => (double)c / total * Math.Log2((double)c / total));
    }

    private static bool[] Mask(string bits) => bits.Select(c => c == '1').ToArray();
}
