using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// Style features of harmonic vocabulary and motion, the ones that should carry a period across composers and
/// scorings rather than the scoring itself (which <see cref="TextureFeatures"/> describes): the sonorities sounding at
/// each onset classed as triads and seventh chords (diminished sevenths and whole-tone "French sixth" sets are rare
/// before the late eighteenth century), dominant sevenths off the key's fifth degree (applied dominants), harmonic
/// rhythm, chromatic voice-leading, modulation rate and distance (a key estimated per four bars), and how the bass
/// moves (by fourth or fifth, as a figured bass does, or by step). Pitches only: spelling (an augmented sixth against
/// a dominant seventh) is not in <see cref="ScoreEvents"/>. Layout, <see cref="Length"/> numbers in [0, 1], in the order
/// of <see cref="Names"/>.
/// </summary>
public static class HarmonyFeatures
{
    public static readonly string[] Names =
    [
        "major/minor triads", "diminished triads", "augmented triads", "dominant sevenths", "minor sevenths",
        "half-diminished sevenths", "diminished sevenths", "French-sixth sets", "other sonorities",
        "dominant sevenths off the fifth degree", "sonority changes per bar",
        "chromatic steps", "chromatic runs per bar",
        "window key changes", "mean key distance", "widest key distance",
        "bass steps", "bass fourths/fifths", "bass octaves", "bass other leaps",
    ];

    public static int Length => Names.Length;

    /// <summary>Bars per window of the local key estimate.</summary>
    private const int KeyWindowBars = 4;

    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
    private static readonly int[] MajorScale = [0, 2, 4, 5, 7, 9, 11];

    /// <summary>The chord shapes, in the order of the first <see cref="Names"/>, as intervals above the root.</summary>
    private static readonly int[][] Shapes =
    [
        [0, 4, 7], [0, 3, 6], [0, 4, 8], [0, 4, 7, 10], [0, 3, 7, 10], [0, 3, 6, 10], [0, 3, 6, 9], [0, 4, 6, 10],
    ];

    private const int OtherSonority = 8;
    private const int MinorTriad = -1;

    public static double[] Extract(ScoreEvents events, int bars)
    {
        ArgumentNullException.ThrowIfNull(events);
        bars = Math.Max(1, bars);
        var notes = events.Notes.OrderBy(n => n.Onset).ThenBy(n => n.Pitch).ToList();
        var features = new List<double>(Length);

        // Sonorities at each onset: the pitch classes sounding, classed by the chord shape they fill (an incomplete
        // seventh chord, three of its four notes, counts as that seventh chord).
        var kinds = new double[Shapes.Length + 1];
        var sonorities = 0;
        var dominantsOffFifth = 0;
        var changes = 0;
        var previous = (Kind: -2, Root: -1);
        var bass = new List<int>();
        var keyIndex = 0;
        var active = new List<NoteEvent>();
        for (var i = 0; i < notes.Count;)
        {
            var onset = notes[i].Onset;
            var end = i;
            while (end < notes.Count && notes[end].Onset == onset) end++;
            active.RemoveAll(n => n.Onset + n.Duration <= onset);
            active.AddRange(notes.GetRange(i, end - i));
            i = end;
            while (keyIndex + 1 < events.Keys.Count && events.Keys[keyIndex + 1].Onset <= onset) keyIndex++;
            var lowest = active.Min(n => n.Pitch);
            if (bass.Count == 0 || bass[^1] != lowest) bass.Add(lowest);
            var mask = 0;
            foreach (var note in active) mask |= 1 << Mod12(note.Pitch);
            if (System.Numerics.BitOperations.PopCount((uint)mask) < 3) continue;
            sonorities++;
            var (kind, root) = Classify(mask);
            kinds[kind < 0 ? 0 : kind]++;
            if (kind == 3)
            {
                var key = events.Keys.Count == 0 ? null : events.Keys[keyIndex];
                var tonic = key is null ? 0 : Mod12(key.Fifths * 7 + (key.Mode.StartsWith("min", StringComparison.OrdinalIgnoreCase) ? 9 : 0));
                var fifthDegree = key is null ? -1 : Mod12(tonic + 7);
                if (root != fifthDegree) dominantsOffFifth++;
            }
            if ((kind, root) != previous) changes++;
            previous = (kind, root);
        }
        features.AddRange(sonorities == 0 ? kinds : kinds.Select(k => k / sonorities));
        features.Add(kinds[3] == 0 ? 0 : dominantsOffFifth / kinds[3]);
        features.Add(Math.Min(1, Math.Log(1 + (double)changes / bars) / 3));

        // Chromatic voice-leading: a semitone step in a voice's top line that leaves or enters the key signature's scale.
        var moves = 0;
        var chromatic = 0;
        var runs = 0;
        foreach (var voice in notes.GroupBy(n => n.Voice))
        {
            var line = voice.GroupBy(n => n.Onset).OrderBy(g => g.Key).Select(g => g.OrderByDescending(n => n.Pitch).First()).ToList();
            var run = 0;
            for (var k = 0; k + 1 < line.Count; k++)
            {
                var step = line[k + 1].Pitch - line[k].Pitch;
                moves++;
                var isChromatic = Math.Abs(step) == 1 && (!InScale(events, line[k]) || !InScale(events, line[k + 1]));
                if (isChromatic) chromatic++;
                // Three semitones in a row one way: a chromatic line (a lament bass, a chromatic scale).
                run = Math.Abs(step) == 1 && (run == 0 || Math.Sign(step) == Math.Sign(line[k].Pitch - line[k - 1].Pitch)) ? run + 1 : 0;
                if (run == 3) runs++;
            }
        }
        features.Add(moves == 0 ? 0 : (double)chromatic / moves);
        features.Add(Math.Min(1, (double)runs / bars));

        // Local keys, one per window of bars, against the first window's key.
        var windows = notes.GroupBy(n => n.Bar / KeyWindowBars).OrderBy(g => g.Key)
            .Select(g => EstimateKey(g)).Where(k => k is not null).Select(k => k!.Value).ToList();
        var keyChanges = 0;
        for (var k = 0; k + 1 < windows.Count; k++)
            if (windows[k] != windows[k + 1]) keyChanges++;
        var distances = windows.Select(w => FifthsDistance(windows[0], w)).ToList();
        features.Add(windows.Count < 2 ? 0 : (double)keyChanges / (windows.Count - 1));
        features.Add(distances.Count == 0 ? 0 : distances.Average() / 6);
        features.Add(distances.Count == 0 ? 0 : distances.Max() / 6.0);

        // Bass motion between successive lowest notes.
        var bassMoves = new double[4];
        for (var k = 0; k + 1 < bass.Count; k++)
        {
            var interval = Math.Abs(bass[k + 1] - bass[k]);
            bassMoves[interval switch { 1 or 2 => 0, 5 or 7 => 1, 12 => 2, _ => 3 }]++;
        }
        var total = bassMoves.Sum();
        features.AddRange(total == 0 ? bassMoves : bassMoves.Select(b => b / total));
        return [.. features];
    }

    /// <summary>The shape (index into <see cref="Shapes"/>, <see cref="MinorTriad"/>, or <see cref="OtherSonority"/>) and root of a pitch-class set.</summary>
    private static (int Kind, int Root) Classify(int mask)
    {
        var size = System.Numerics.BitOperations.PopCount((uint)mask);
        (int, int)? subsetOfSeventh = null;
        for (var root = 0; root < 12; root++)
        {
            if ((mask & (1 << root)) == 0) continue;
            for (var s = 0; s < Shapes.Length; s++)
            {
                var template = Template(Shapes[s], root);
                if (template == mask) return (s, root);
                if (Shapes[s].Length == 4 && size == 3 && (mask & ~template) == 0) subsetOfSeventh ??= (s, root);
            }
            if (Template([0, 3, 7], root) == mask) return (MinorTriad, root);
        }
        return subsetOfSeventh ?? (OtherSonority, -1);
    }

    private static int Template(int[] shape, int root) => shape.Aggregate(0, (m, i) => m | (1 << ((root + i) % 12)));

    private static bool InScale(ScoreEvents events, NoteEvent note)
    {
        var key = events.Keys.LastOrDefault(k => k.Onset <= note.Onset) ?? events.Keys.FirstOrDefault();
        var tonic = key is null ? 0 : Mod12(key.Fifths * 7);
        return MajorScale.Contains(Mod12(note.Pitch - tonic));
    }

    /// <summary>The best-correlating of the 24 Krumhansl–Kessler keys for the duration-weighted pitch classes, as its relative major's tonic and whether it is minor; null without notes.</summary>
    private static (int MajorTonic, bool Minor)? EstimateKey(IEnumerable<NoteEvent> window)
    {
        var profile = new double[12];
        var weight = Rational.Zero;
        foreach (var note in window)
        {
            profile[Mod12(note.Pitch)] += note.Duration.ToDouble();
            weight += note.Duration;
        }
        if (weight == Rational.Zero) return null;
        var best = (Score: double.NegativeInfinity, Key: (0, false));
        for (var tonic = 0; tonic < 12; tonic++)
        {
            var major = Correlation(profile, MajorProfile, tonic);
            if (major > best.Score) best = (major, (tonic, false));
            var minor = Correlation(profile, MinorProfile, tonic);
            if (minor > best.Score) best = (minor, (Mod12(tonic + 3), true));
        }
        return best.Key;
    }

    /// <summary>Steps around the circle of fifths between two keys' key signatures (0..6).</summary>
    private static int FifthsDistance((int MajorTonic, bool Minor) a, (int MajorTonic, bool Minor) b)
    {
        var steps = Mod12((b.MajorTonic - a.MajorTonic) * 7);
        return Math.Min(steps, 12 - steps);
    }

    private static double Correlation(double[] profile, double[] key, int tonic)
    {
        var mx = profile.Average();
        var my = key.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            var y = key[Mod12(i - tonic)];
            sxy += (profile[i] - mx) * (y - my);
            sxx += (profile[i] - mx) * (profile[i] - mx);
            syy += (y - my) * (y - my);
        }
        return sxx == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static int Mod12(int value) => ((value % 12) + 12) % 12;
}
