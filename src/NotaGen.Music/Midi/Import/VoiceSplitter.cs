using NotaGen.Music.Time;

namespace NotaGen.Music.Midi.Import;

/// <summary>Notes that start and end together: one chord (or a single note) of one voice.</summary>
internal sealed record ImportedChord(Rational Onset, Rational End, IReadOnlyList<int> Keys)
{
    public Rational Duration => End - Onset;
}

/// <summary>
/// Splits one part's quantised notes into voices that ABC can write: notes that start and end together become a
/// chord; a note that overlaps a chord without sharing both its start and end goes to another voice. Chords are
/// placed highest first into the first voice that is free at their onset, so the top line stays in voice 1.
/// </summary>
internal static class VoiceSplitter
{
    /// <param name="cancel">Checked for every chord placed: many overlapping notes make many voices, each looked at per chord.</param>
    public static List<List<ImportedChord>> Split(IEnumerable<QuantisedNote> notes, CancellationToken cancel = default)
    {
        var chords = notes
            .GroupBy(n => (n.Onset, n.End))
            .Select(g => new ImportedChord(g.Key.Onset, g.Key.End, g.Select(n => n.Key).Distinct().Order().ToList()))
            .OrderBy(c => c.Onset)
            .ThenByDescending(c => c.Keys[^1])
            .ToList();
        var voices = new List<List<ImportedChord>>();
        foreach (var chord in chords)
        {
            cancel.ThrowIfCancellationRequested();
            var voice = voices.FindIndex(v => v[^1].End <= chord.Onset);
            if (voice < 0)
            {
                voices.Add([]);
                voice = voices.Count - 1;
            }
            voices[voice].Add(chord);
        }
        return voices;
    }
}
