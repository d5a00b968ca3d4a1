using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>A sounding note of one bar: cut at bar lines, tied to the part before or after it.</summary>
internal sealed record NoteSegment(Rational Onset, Rational Duration, int Pitch, bool TieStart, bool TieStop)
{
    public Rational End => Onset + Duration;
}

/// <summary>
/// Lays the notes of one ABC voice out bar by bar in lanes (MusicXML voices): chords of one length in one lane,
/// overlapping notes in further lanes. A note tied over a bar line continues in the lane it started in, because
/// readers (xml2abc and ours) join ties within one MusicXML voice only; continuations of one lane that differ in
/// length are cut at the shortest and tied on, so they stay in that lane.
/// </summary>
internal sealed class NoteLanes
{
    // The lanes of the notes tied over the last bar line, by pitch.
    private readonly Dictionary<int, Queue<int>> tiedOver = [];

    /// <summary>The bar's lanes, each a list of chords in time order (at least one lane, maybe empty).</summary>
    public List<List<List<NoteSegment>>> Lay(IEnumerable<NoteSegment> segments, Rational barStart)
    {
        // Segments waiting to be placed, by onset (in the order they came at each onset): the earliest are taken
        // each round. A sorted map keeps a bar of tens of thousands of notes linear-logarithmic, not quadratic.
        var pending = new SortedDictionary<Rational, List<(NoteSegment Segment, int? Lane)>>();
        void Pend(NoteSegment segment, int? lane)
        {
            if (!pending.TryGetValue(segment.Onset, out var atOnset))
                pending[segment.Onset] = atOnset = [];
            atOnset.Add((segment, lane));
        }
        foreach (var s in segments.OrderBy(s => s.Pitch))
        {
            int? lane = s.TieStop && s.Onset == barStart && tiedOver.TryGetValue(s.Pitch, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
            Pend(s, lane);
        }
        tiedOver.Clear();

        var lanes = new List<List<List<NoteSegment>>> { new() };
        var cutHeads = new HashSet<NoteSegment>();
        Rational FreeFrom(int lane) => lane < lanes.Count && lanes[lane].Count > 0 ? lanes[lane][^1][0].End : barStart;
        while (pending.Count > 0)
        {
            var (onset, now) = pending.First();
            pending.Remove(onset);

            // Partitioned once, not by value: a chord may hold one pitch twice.
            var continues = now.Select(p => p.Lane is { } lane && FreeFrom(lane) <= onset).ToList();
            var continuations = now.Where((_, i) => continues[i]).ToList();
            var others = now.Where((_, i) => !continues[i]).ToList();
            foreach (var group in continuations.GroupBy(p => p.Lane!.Value).OrderBy(g => g.Key))
            {
                var length = group.Min(p => p.Segment.Duration);
                var chord = new List<NoteSegment>();
                foreach (var (s, _) in group)
                {
                    if (s.Duration == length)
                    {
                        chord.Add(s);
                        continue;
                    }
                    var head = s with { Duration = length, TieStart = true };
                    cutHeads.Add(head);
                    chord.Add(head);
                    Pend(s with { Onset = onset + length, Duration = s.Duration - length, TieStop = true }, group.Key);
                }
                while (lanes.Count <= group.Key)
                    lanes.Add([]);
                lanes[group.Key].Add(chord);
            }

            foreach (var group in others.GroupBy(p => p.Segment.Duration).OrderByDescending(g => g.Key))
            {
                var chord = group.Select(p => p.Segment).ToList();
                // The first lane that is free, or that holds a chord of the same onset and length to join.
                var lane = lanes.FindIndex(l => l.Count == 0 || l[^1][0].End <= onset || l[^1][0].Onset == onset && l[^1][0].Duration == group.Key);
                if (lane < 0)
                    lanes.Add([chord]);
                else if (lanes[lane].Count > 0 && lanes[lane][^1][0].Onset == onset)
                    lanes[lane][^1].AddRange(chord);
                else
                    lanes[lane].Add(chord);
            }
        }

        for (var lane = 0; lane < lanes.Count; lane++)
        {
            foreach (var chord in lanes[lane])
            {
                chord.Sort((a, b) => a.Pitch.CompareTo(b.Pitch));
                foreach (var s in chord.Where(s => s.TieStart && !cutHeads.Contains(s)))
                {
                    if (!tiedOver.TryGetValue(s.Pitch, out var queue))
                        tiedOver[s.Pitch] = queue = new Queue<int>();
                    queue.Enqueue(lane);
                }
            }
        }
        return lanes;
    }
}
