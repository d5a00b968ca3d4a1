namespace NotaGen.Testing;

/// <summary>A note as two readings of the same music are compared: MIDI pitch, onset and length in one integer unit.</summary>
public readonly record struct ComparedNote(int Pitch, long Onset, long Length);

/// <summary>
/// How many of our notes were found among theirs; the first of ours not found (in onset order) and, when there was
/// one, the note of theirs of that pitch left nearest to it in onset at that moment.
/// </summary>
public sealed record NoteMatching(int Matched, int Count, ComparedNote? FirstUnmatched, ComparedNote? NearestToFirst);

/// <summary>
/// The one note matcher of the tests that check the workbench's notes against an independent reader (abc2midi's MIDI
/// read by mido): our notes, in onset order, each take the first of their notes (in the order given) of the same pitch
/// whose onset, and length where a length tolerance is given, lie within the tolerance; each of theirs is used once.
/// Callers bring both sides to one exact integer unit first (ticks, or ticks times the other file's resolution).
/// </summary>
public static class NoteMatch
{
    public static NoteMatching Count(IEnumerable<ComparedNote> ours, IEnumerable<ComparedNote> theirs, long onsetTolerance, long? lengthTolerance)
    {
        var candidates = theirs.GroupBy(n => n.Pitch).ToDictionary(g => g.Key, g => g.ToList());
        var matched = 0;
        var count = 0;
        ComparedNote? first = null;
        ComparedNote? nearest = null;
        foreach (var note in ours.OrderBy(n => n.Onset))
        {
            count++;
            if (candidates.TryGetValue(note.Pitch, out var list))
            {
                var index = list.FindIndex(c => Math.Abs(c.Onset - note.Onset) <= onsetTolerance
                    && (lengthTolerance is not { } tolerance || Math.Abs(c.Length - note.Length) <= tolerance));
                if (index >= 0)
                {
                    list.RemoveAt(index);
                    matched++;
                    continue;
                }
            }
            if (first is null)
            {
                first = note;
                nearest = list?.OrderBy(c => Math.Abs(c.Onset - note.Onset)).Cast<ComparedNote?>().FirstOrDefault();
            }
        }
        return new NoteMatching(matched, count, first, nearest);
    }
}
