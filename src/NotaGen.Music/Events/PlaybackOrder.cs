using NotaGen.Music.Time;

namespace NotaGen.Music.Events;

/// <summary>A stretch of notated time [<paramref name="Start"/>, <paramref name="End"/>) played once, in play order.</summary>
public readonly record struct PlayedSpan(Rational Start, Rational End)
{
    public Rational Length => End - Start;
}

/// <summary>
/// Repeats and endings played: a piece's events laid out in the order a player goes through the notated time
/// (<see cref="PlayedSpan"/>s, e.g. bars 1–8, 1–7, 9–16 for a repeat with two endings). Notes keep their notated bar
/// index; onsets, tempo, meter and key changes move to where they are heard.
/// </summary>
public static class PlaybackOrder
{
    /// <summary>The events of <paramref name="score"/> played through <paramref name="spans"/>.</summary>
    public static ScoreEvents Unfold(ScoreEvents score, IReadOnlyList<PlayedSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(spans);
        var notes = new List<NoteEvent>();
        var tempi = new List<TempoEvent>();
        var meters = new List<MeterEvent>();
        var keys = new List<KeyEvent>();
        var at = Rational.Zero;
        foreach (var span in spans)
        {
            var shift = at - span.Start;
            foreach (var note in score.Notes)
            {
                if (note.Onset >= span.Start && note.Onset < span.End)
                    notes.Add(note with { Onset = note.Onset + shift });
            }
            // What is in force where the span starts is stated again: a jump back may land under another tempo or key.
            AddInForce(score.Tempi, t => t.Onset, span, tempi, t => t with { Onset = t.Onset <= span.Start ? at : t.Onset + shift });
            AddInForce(score.Meters, m => m.Onset, span, meters, m => m with { Onset = m.Onset <= span.Start ? at : m.Onset + shift });
            AddInForce(score.Keys, k => k.Onset, span, keys, k => k with { Onset = k.Onset <= span.Start ? at : k.Onset + shift });
            at += span.Length;
        }
        var voiceOrder = score.Voices.Select((v, i) => (v.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var ordered = notes
            .OrderBy(n => n.Onset)
            .ThenBy(n => voiceOrder.TryGetValue(n.Voice, out var i) ? i : int.MaxValue)
            .ThenBy(n => n.Pitch)
            .ToList();
        var end = ordered.Select(n => n.Onset + n.Duration).Append(at).Max();
        return new ScoreEvents(score.Voices, ordered, Distinct(tempi, (a, b) => a.Beat == b.Beat && a.BeatsPerMinute == b.BeatsPerMinute),
            Distinct(meters, (a, b) => a.Numerator == b.Numerator && a.Denominator == b.Denominator),
            Distinct(keys, (a, b) => a.Fifths == b.Fifths && a.Mode == b.Mode))
        { End = end };
    }

    private static void AddInForce<T>(IReadOnlyList<T> events, Func<T, Rational> onset, PlayedSpan span, List<T> into, Func<T, T> move)
    {
        var inForce = events.LastOrDefault(e => onset(e) <= span.Start);
        if (inForce is not null)
            into.Add(move(inForce));
        foreach (var e in events)
        {
            if (onset(e) > span.Start && onset(e) < span.End)
                into.Add(move(e));
        }
    }

    /// <summary>Drops a change that restates what is already in force.</summary>
    private static List<T> Distinct<T>(List<T> events, Func<T, T, bool> same) where T : class
    {
        var result = new List<T>();
        foreach (var e in events)
        {
            if (result.Count > 0 && same(result[^1], e))
                continue;
            result.Add(e);
        }
        return result;
    }
}
