using System.Runtime.CompilerServices;
namespace NotaGen.Music.MusicXml;

/// <summary>
/// Turns the items of one voice in one measure (collected in MusicXML order, with backups and forwards) into a
/// strict sequence: gaps become invisible rests <c>x</c>, overlaps become chords or are dropped, as the reference does.
/// </summary>
internal static class MeasureSequencer
{
    public static List<VoiceItem> Sequence(List<VoiceItem> items, ConversionLog log, MeasureLocation location)
    {
        // Stable, like the reference's sort; most measures come in time order already and skip it.
        var sorted = IsInTimeOrder(items) ? items : items.OrderBy(i => i.Time).ToList();
        long time = 0;
        var result = new List<VoiceItem>(sorted.Count + 4);
        var restsSinceNote = new List<int>();
        foreach (var item in sorted)
        {
            if (item.Time > time)
            {
                result.Add(new NoteItem(item.Time - time, "x"));
                restsSinceNote.Add(result.Count - 1);
            }
            if (item is TextItem)
            {
                if (item.Time < time)
                    item.Time = time;
                result.Add(item);
                time = item.Time;
                continue;
            }
            var note = (NoteItem)item;
            if (note.Time < time)
            {
                if (note.Pitches[0] == "z")
                    continue; // an overlapping rest says nothing
                if (result.Count == 0 || result[^1] is not NoteItem previous || previous.Time > note.Time)
                {
                    log.Warn($"{location}: overlapping notes in one voice, one dropped");
                    continue;
                }
                if (previous.Pitches[0] == "z")
                {
                    previous.Duration = note.Time - previous.Time;
                    if (previous.Duration == 0)
                        result.RemoveAt(result.Count - 1);
                }
                else
                {
                    previous.Pitches.AddRange(note.Pitches);
                    note.Duration = note.Time + note.Duration - time;
                    if (note.Duration <= 0)
                        continue;
                    note.Time = time;
                }
            }
            result.Add(note);
            if (note.IsRest)
                restsSinceNote.Add(result.Count - 1);
            else if (restsSinceNote.Count > 0)
            {
                if (note.Beam != 0 && !note.Grace)
                    foreach (var j in restsSinceNote)
                        ((NoteItem)result[j]).Beam = note.Beam;
                restsSinceNote.Clear();
            }
            time = note.Time + note.Duration;
        }
        return result;
    }

    private static bool IsInTimeOrder(List<VoiceItem> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i].Time < items[i - 1].Time)
                return false;
        }
        return true;
    }

    /// <summary>Dotted pairs inside a beam become ABC broken rhythm (<c>A&gt;B</c>), which keeps the sounding lengths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MarkBrokenRhythms(List<VoiceItem> items)
    {
        var notes = items.OfType<NoteItem>().ToList();
        for (var i = 0; i < notes.Count - 1; i++)
        {
            var (n1, n2) = (notes[i], notes[i + 1]);
            if (n1.Factor is not null || n2.Factor is not null || n1.Duration <= 0 || n2.Beam == 0)
                continue;
            if (n1.Duration * 3 == n2.Duration)
            {
                n2.Duration = 2 * n2.Duration / 3;
                n1.Duration *= 2;
                n1.After = "<" + n1.After;
                i++;
            }
            else if (n2.Duration * 3 == n1.Duration)
            {
                n1.Duration = 2 * n1.Duration / 3;
                n2.Duration *= 2;
                n1.After = ">" + n1.After;
                i++;
            }
        }
    }
}
