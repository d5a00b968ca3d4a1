using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.Style;

/// <summary>
/// The style features that describe how a piece is laid out and written rather than which pitches it uses: part
/// layout (voice count, clefs, part names, ranges, singable voices, voice crossing, chords within a voice), harmony and
/// key (accidentals against the key signature, Krumhansl–Kessler profile correlations, chord tones at each onset,
/// dissonant pairs), meter and tempo, texture density (notes sounding at each onset, homorhythm) and note lengths
/// (tuplets and dots read off the exact durations), and notation habits of a period (key signature, dynamics as
/// velocities, chromatic bars). Times stay <see cref="Rational"/> until each final value is taken.
/// Layout, <see cref="Length"/> numbers, each in about [0, 1]; the order is the order of <see cref="Names"/>.
/// </summary>
public static class TextureFeatures
{
    public static readonly string[] Names =
    [
        "voices=1", "voices=2", "voices=3", "voices=4", "voices=5-8", "voices>8",
        "clef treble", "clef bass", "clef C", "clef other/none",
        "name vocal", "name keyboard", "name strings", "name winds/brass/percussion", "name none",
        "mean voice range", "widest voice range", "top voice mean pitch", "bottom voice mean pitch",
        "singable voices", "top voice singable", "voice crossing rate", "chords within a voice",
        "accidentals rate", "major profile r", "minor profile r", "key signature profile r", "key clarity", "pitch-class entropy",
        "chord-tone rate", "consonant verticals", "dissonant pairs", "key changes",
        "meter /2", "meter /4", "meter /8", "meter other denominator", "meter changes", "tempo given", "tempo",
        "onset notes=1", "onset notes=2", "onset notes=3", "onset notes=4", "onset notes>=5", "mean onset notes", "homorhythm", "onsets per bar",
        "tuplet notes", "dotted notes", "duration entropy", "top voice note length", "bottom voice note length", "short notes", "long notes",
        "bars", "lowest pitch", "highest pitch",
        "key signature accidentals", "velocity SD", "velocities", "notes off the usual velocity", "pitch classes per bar", "chromatic bars",
    ];

    public static int Length => Names.Length;

    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
    private static readonly int[] ChordTemplates = BuildChordTemplates();
    private static readonly string[] VocalNames = ["voice", "voix", "voce", "singstimme", "gesang", "soprano", "sopran", "alto", "alt", "tenor", "tenore", "bass", "basso", "baritone", "bariton", "mezzo", "contralto", "chor", "choir", "chorus", "canto", "s.", "a.", "t.", "b."];
    private static readonly string[] KeyboardNames = ["piano", "pianoforte", "klavier", "clavier", "cembalo", "harpsichord", "organ", "orgel", "keyboard", "continuo", "pno", "pf"];
    private static readonly string[] StringNames = ["violin", "violino", "violine", "viola", "cello", "violoncello", "contrabass", "double bass", "kontrabass", "vn", "vla", "vc", "cb", "string", "harp", "guitar", "lute"];
    private static readonly string[] WindNames = ["flute", "flauto", "flöte", "oboe", "clarinet", "klarinette", "bassoon", "fagott", "horn", "corno", "trumpet", "tromba", "trompete", "trombone", "posaune", "tuba", "timpani", "pauken", "percussion", "piccolo", "cor anglais", "english horn", "fl", "ob", "cl", "fg", "hn", "tpt", "tbn", "timp"];

    public static double[] Extract(ScoreEvents events, int bars)
    {
        ArgumentNullException.ThrowIfNull(events);
        bars = Math.Max(1, bars);
        var features = new List<double>(Length);
        var notes = events.Notes;
        var voiceIds = events.Voices.Select(v => v.Id).Concat(notes.Select(n => n.Voice)).Distinct(StringComparer.Ordinal).ToList();
        var byVoice = voiceIds.ToDictionary(id => id, id => notes.Where(n => n.Voice == id).ToList(), StringComparer.Ordinal);
        var sounding = byVoice.Where(kv => kv.Value.Count > 0).OrderByDescending(kv => kv.Value.Average(n => n.Pitch)).Select(kv => kv.Key).ToList();

        // Part layout.
        var voiceCount = Math.Max(1, sounding.Count);
        var bucket = voiceCount switch { 1 => 0, 2 => 1, 3 => 2, 4 => 3, <= 8 => 4, _ => 5 };
        features.AddRange(Enumerable.Range(0, 6).Select(i => i == bucket ? 1.0 : 0.0));
        var clefs = new double[4];
        foreach (var voice in events.Voices) clefs[ClefFamily(voice.Clef)]++;
        features.AddRange(Normalise(clefs));
        var names = new double[5];
        foreach (var voice in events.Voices) names[NameFamily(voice.Name ?? voice.ShortName)]++;
        features.AddRange(Normalise(names));
        var ranges = sounding.Select(v => byVoice[v].Max(n => n.Pitch) - byVoice[v].Min(n => n.Pitch)).ToList();
        features.Add(ranges.Count == 0 ? 0 : Math.Min(ranges.Average(), 48) / 48);
        features.Add(ranges.Count == 0 ? 0 : Math.Min(ranges.Max(), 48) / 48.0);
        features.Add(sounding.Count == 0 ? 0 : byVoice[sounding[0]].Average(n => n.Pitch) / 127);
        features.Add(sounding.Count == 0 ? 0 : byVoice[sounding[^1]].Average(n => n.Pitch) / 127);
        var singable = sounding.Select(v => IsSingable(byVoice[v])).ToList();
        features.Add(singable.Count == 0 ? 0 : singable.Count(s => s) / (double)singable.Count);
        features.Add(singable.Count > 0 && singable[0] ? 1 : 0);

        var verticals = Verticals(events, sounding);
        features.Add(verticals.CrossingPairs == 0 ? 0 : (double)verticals.Crossings / verticals.CrossingPairs);
        features.Add(notes.Count == 0 ? 0 : (double)verticals.NotesInVoiceChords / notes.Count);

        // Harmony and key.
        features.Add(notes.Count == 0 ? 0 : (double)verticals.Accidentals / notes.Count);
        var profile = new double[12];
        foreach (var note in notes) profile[note.Pitch % 12] += note.Duration.ToDouble();
        var majors = Enumerable.Range(0, 12).Select(t => Correlation(profile, MajorProfile, t)).ToArray();
        var minors = Enumerable.Range(0, 12).Select(t => Correlation(profile, MinorProfile, t)).ToArray();
        features.Add((majors.Max() + 1) / 2);
        features.Add((minors.Max() + 1) / 2);
        var signature = events.Keys.Count == 0 ? null : events.Keys[0];
        var majorTonic = signature is null ? 0 : Mod12(signature.Fifths * 7);
        var signatureR = signature is not null && signature.Mode.StartsWith("min", StringComparison.OrdinalIgnoreCase)
            ? minors[Mod12(majorTonic + 9)] : majors[majorTonic];
        features.Add((signatureR + 1) / 2);
        var all = majors.Concat(minors).OrderDescending().ToArray();
        features.Add(Math.Clamp(all[0] - all[1], 0, 1));
        features.Add(Entropy(profile) / Math.Log2(12));
        features.Add(verticals.Chords == 0 ? 0 : verticals.ChordToneSum / verticals.Chords);
        features.Add(verticals.Chords == 0 ? 0 : (double)verticals.ConsonantChords / verticals.Chords);
        features.Add(verticals.PcPairs == 0 ? 0 : (double)verticals.DissonantPairs / verticals.PcPairs);
        features.Add(Math.Min(1, Math.Log(1 + Math.Max(0, events.Keys.Count - 1)) / 3));

        // Meter and tempo.
        var denominator = events.Meters.Count == 0 ? 0 : events.Meters[0].Denominator;
        var meterSlot = denominator switch { 2 => 0, 4 => 1, 8 => 2, _ => 3 };
        features.AddRange(Enumerable.Range(0, 4).Select(i => i == meterSlot ? 1.0 : 0.0));
        features.Add(Math.Min(1, Math.Log(1 + Math.Max(0, events.Meters.Count - 1)) / 3));
        var tempo = events.Tempi.Count == 0 ? (Rational?)null : events.Tempi[0].BeatsPerMinute * events.Tempi[0].Beat * 4; // quarters per minute
        features.Add(tempo is null ? 0 : 1);
        features.Add(tempo is { } q ? Math.Min(q.ToDouble(), 240) / 240 : 0);

        // Texture density.
        var onsetNotes = new double[5];
        foreach (var count in verticals.AttacksPerOnset) onsetNotes[Math.Min(count, 5) - 1]++;
        features.AddRange(Normalise(onsetNotes));
        features.Add(verticals.AttacksPerOnset.Count == 0 ? 0 : Math.Min(verticals.AttacksPerOnset.Average(), 8) / 8);
        features.Add(verticals.HomorhythmOnsets == 0 ? 0 : verticals.HomorhythmSum / verticals.HomorhythmOnsets);
        features.Add(Math.Min(1, Math.Log(1 + (double)verticals.AttacksPerOnset.Count / bars) / 4));

        // Note lengths, read off the exact durations.
        features.Add(notes.Count == 0 ? 0 : notes.Count(n => !IsPowerOfTwo(n.Duration.Denominator)) / (double)notes.Count);
        features.Add(notes.Count == 0 ? 0 : notes.Count(n => n.Duration.Numerator is 3 or 7) / (double)notes.Count);
        var durations = notes.GroupBy(n => n.Duration).Select(g => (double)g.Count()).ToArray();
        features.Add(Math.Min(1, Entropy(durations) / 4));
        features.Add(sounding.Count == 0 ? 0 : LogLength(byVoice[sounding[0]]));
        features.Add(sounding.Count == 0 ? 0 : LogLength(byVoice[sounding[^1]]));
        var sixteenth = new Rational(1, 16);
        var half = new Rational(1, 2);
        features.Add(notes.Count == 0 ? 0 : notes.Count(n => n.Duration < sixteenth) / (double)notes.Count);
        features.Add(notes.Count == 0 ? 0 : notes.Count(n => n.Duration >= half) / (double)notes.Count);

        // Size and compass.
        features.Add(Math.Min(1, Math.Log(1 + bars) / 6));
        features.Add(notes.Count == 0 ? 0 : notes.Min(n => n.Pitch) / 127.0);
        features.Add(notes.Count == 0 ? 0 : notes.Max(n => n.Pitch) / 127.0);

        // Notation habits of a period: key signatures, dynamics (the velocities they give), chromatic bars.
        features.Add(signature is null ? 0 : Math.Min(Math.Abs(signature.Fifths), 7) / 7.0);
        var velocities = notes.Select(n => (double)n.Velocity).ToList();
        var meanVelocity = velocities.Count == 0 ? 0 : velocities.Average();
        features.Add(velocities.Count == 0 ? 0 : Math.Min(1, Math.Sqrt(velocities.Average(v => (v - meanVelocity) * (v - meanVelocity))) / 32));
        var distinctVelocities = notes.Select(n => n.Velocity).Distinct().Count();
        features.Add(Math.Min(distinctVelocities, 8) / 8.0);
        var usual = notes.Count == 0 ? 0 : notes.GroupBy(n => n.Velocity).Max(g => g.Count());
        features.Add(notes.Count == 0 ? 0 : 1 - (double)usual / notes.Count);
        var pitchClassesPerBar = notes.GroupBy(n => n.Bar).Select(g => g.Select(n => n.Pitch % 12).Distinct().Count()).ToList();
        features.Add(pitchClassesPerBar.Count == 0 ? 0 : pitchClassesPerBar.Average() / 12);
        features.Add(pitchClassesPerBar.Count == 0 ? 0 : pitchClassesPerBar.Count(c => c >= 9) / (double)pitchClassesPerBar.Count);
        return [.. features];
    }

    /// <summary>What happens at each onset: one sweep over the notes in onset order with the notes still sounding.</summary>
    private sealed class VerticalStatistics
    {
        public int Crossings;
        public int CrossingPairs;
        public int NotesInVoiceChords;
        public int Accidentals;
        public int Chords;
        public double ChordToneSum;
        public int ConsonantChords;
        public int PcPairs;
        public int DissonantPairs;
        public double HomorhythmSum;
        public int HomorhythmOnsets;
        public List<int> AttacksPerOnset { get; } = [];
    }

    private static VerticalStatistics Verticals(ScoreEvents events, IReadOnlyList<string> voicesByPitch)
    {
        var stats = new VerticalStatistics();
        var rank = voicesByPitch.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i, StringComparer.Ordinal);
        var notes = events.Notes.OrderBy(n => n.Onset).ToList();
        var active = new List<NoteEvent>();
        var keyIndex = 0;
        var top = new int[voicesByPitch.Count];
        for (var i = 0; i < notes.Count;)
        {
            var onset = notes[i].Onset;
            var end = i;
            while (end < notes.Count && notes[end].Onset == onset) end++;
            active.RemoveAll(n => n.Onset + n.Duration <= onset);
            var attacks = notes.GetRange(i, end - i);
            active.AddRange(attacks);
            while (keyIndex + 1 < events.Keys.Count && events.Keys[keyIndex + 1].Onset <= onset) keyIndex++;
            var tonic = events.Keys.Count == 0 ? 0 : Mod12(events.Keys[keyIndex].Fifths * 7);
            foreach (var note in attacks)
            {
                var degree = Mod12(note.Pitch - tonic);
                if (degree is 1 or 3 or 6 or 8 or 10) stats.Accidentals++;
            }
            foreach (var voice in attacks.GroupBy(n => n.Voice))
                if (voice.Count() > 1) stats.NotesInVoiceChords += voice.Count();
            stats.AttacksPerOnset.Add(attacks.Count);

            // Voice crossing: adjacent voices (by mean pitch) whose highest sounding notes are out of order.
            Array.Fill(top, -1);
            foreach (var note in active)
                if (rank.TryGetValue(note.Voice, out var r)) top[r] = Math.Max(top[r], note.Pitch);
            for (var r = 0; r + 1 < top.Length; r++)
            {
                if (top[r] < 0 || top[r + 1] < 0) continue;
                stats.CrossingPairs++;
                if (top[r + 1] > top[r]) stats.Crossings++;
            }
            var soundingVoices = top.Count(p => p >= 0);
            if (soundingVoices > 1)
            {
                stats.HomorhythmSum += (double)attacks.Select(n => n.Voice).Distinct(StringComparer.Ordinal).Count() / soundingVoices;
                stats.HomorhythmOnsets++;
            }

            var mask = 0;
            foreach (var note in active) mask |= 1 << Mod12(note.Pitch);
            var pcs = System.Numerics.BitOperations.PopCount((uint)mask);
            if (pcs >= 2)
            {
                stats.Chords++;
                var best = 0;
                foreach (var template in ChordTemplates)
                    best = Math.Max(best, System.Numerics.BitOperations.PopCount((uint)(mask & template)));
                stats.ChordToneSum += (double)best / pcs;
                if (ChordTemplates.Any(t => (mask & ~t) == 0)) stats.ConsonantChords++;
                for (var a = 0; a < 12; a++)
                    for (var b = a + 1; b < 12; b++)
                    {
                        if ((mask & (1 << a)) == 0 || (mask & (1 << b)) == 0) continue;
                        stats.PcPairs++;
                        if ((b - a) is 1 or 11 or 6) stats.DissonantPairs++;
                    }
            }
            i = end;
        }
        return stats;
    }

    private static int[] BuildChordTemplates()
    {
        int[][] shapes = [[0, 4, 7], [0, 3, 7], [0, 3, 6], [0, 4, 7, 10]];
        return [.. Enumerable.Range(0, 12).SelectMany(root => shapes.Select(shape => shape.Aggregate(0, (m, i) => m | (1 << ((root + i) % 12)))))];
    }

    /// <summary>A line a singer could take: one note at a time, within about an octave and a half of the staff's middle, few fast notes.</summary>
    private static bool IsSingable(List<NoteEvent> voice)
    {
        if (voice.GroupBy(n => n.Onset).Any(g => g.Count() > 1)) return false;
        var low = voice.Min(n => n.Pitch);
        var high = voice.Max(n => n.Pitch);
        var fast = voice.Count(n => n.Duration < new Rational(1, 8));
        return low >= 40 && high <= 84 && high - low <= 22 && fast * 4 <= voice.Count;
    }

    private static int ClefFamily(string? clef)
    {
        if (string.IsNullOrWhiteSpace(clef)) return 3;
        var name = clef.ToLowerInvariant();
        if (name.StartsWith("treble", StringComparison.Ordinal) || name.StartsWith('g')) return 0;
        if (name.StartsWith("bass", StringComparison.Ordinal) || name.StartsWith('f')) return 1;
        if (name is "alto" or "tenor" or "soprano" or "mezzosoprano" or "baritone" || name.StartsWith('c')) return 2;
        return 3;
    }

    private static int NameFamily(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return 4;
        var words = name.ToLowerInvariant().Split([' ', '\t', '-', '_', '/', '(', ')', '[', ']', ',', '"', '\'', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0'],
            StringSplitOptions.RemoveEmptyEntries);
        bool Any(string[] family) => words.Any(w => family.Contains(w, StringComparer.Ordinal) || family.Contains(w + ".", StringComparer.Ordinal)
            || family.Any(f => f.Length > 4 && w.StartsWith(f, StringComparison.Ordinal)));
        // Instruments first: "Kontrabass" and "Bass clarinet" are not singers.
        if (Any(KeyboardNames)) return 1;
        if (Any(StringNames)) return 2;
        if (Any(WindNames)) return 3;
        if (Any(VocalNames)) return 0;
        return 4;
    }

    private static double LogLength(List<NoteEvent> voice) =>
        Math.Clamp((voice.Average(n => Math.Log2(n.Duration.ToDouble())) + 6) / 8, 0, 1);

    private static bool IsPowerOfTwo(long value) => value > 0 && (value & (value - 1)) == 0;

    private static int Mod12(int value) => ((value % 12) + 12) % 12;

    /// <summary>Pearson correlation of a pitch-class profile with a key profile whose tonic is <paramref name="tonic"/>.</summary>
    private static double Correlation(double[] profile, double[] key, int tonic)
    {
        var rotated = Enumerable.Range(0, 12).Select(i => key[Mod12(i - tonic)]).ToArray();
        var mx = profile.Average();
        var my = rotated.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < 12; i++)
        {
            sxy += (profile[i] - mx) * (rotated[i] - my);
            sxx += (profile[i] - mx) * (profile[i] - mx);
            syy += (rotated[i] - my) * (rotated[i] - my);
        }
        return sxx == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static double Entropy(double[] counts)
    {
        var total = counts.Sum();
        return total == 0 ? 0 : -counts.Where(c => c > 0).Sum(c => c / total * Math.Log2(c / total));
    }

    private static double[] Normalise(double[] values)
    {
        var total = values.Sum();
        return total == 0 ? values : values.Select(v => v / total).ToArray();
    }
}
