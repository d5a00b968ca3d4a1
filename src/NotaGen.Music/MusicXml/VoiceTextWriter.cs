using System.Text;

namespace NotaGen.Music.MusicXml;

/// <summary>Writes one voice of one measure as ABC text (notes, chords, ties, tuplets, decorations, barline).</summary>
internal static class VoiceTextWriter
{
    public static string Write(List<VoiceItem> measure, long divisions, int unit, string location)
    {
        TupletNotation.Annotate(measure, location);
        var text = new StringBuilder();
        foreach (var item in measure)
        {
            if (item is TextItem t)
            {
                text.Append(t.Render());
                continue;
            }
            var note = (NoteItem)item;
            var duration = AbcDuration.Format(note, divisions, unit);
            var chord = note.Pitches.Count > 1;
            var tie = "";
            var pitches = (IReadOnlyList<string>)note.Pitches;
            if (chord && note.Pitches.All(p => p.EndsWith('-')))
            {
                pitches = note.Pitches.Select(p => p[..^1]).ToList(); // one tie for the whole chord
                tie = "-";
            }
            var s = new StringBuilder(note.TupletPrefix);
            foreach (var b in note.Before)
                s.Append(b);
            if (chord)
                s.Append('[');
            foreach (var p in pitches)
                s.Append(p);
            if (chord)
                s.Append(']').Append(tie);
            if (s.Length > 0 && s[^1] == '-')
            {
                s.Length--;
                tie = "-";
            }
            s.Append(duration).Append(tie).Append(note.After);
            if (note.Beam == 0)
                text.Append(' ');
            text.Append(s);
        }
        var result = text.ToString();
        // Repeated pedal marks and empty ottavas say nothing.
        while (result.Contains("!ped!!ped!", StringComparison.Ordinal))
            result = result.Replace("!ped!!ped!", "!ped!", StringComparison.Ordinal);
        while (result.Contains("!ped-up!!ped-up!", StringComparison.Ordinal))
            result = result.Replace("!ped-up!!ped-up!", "!ped-up!", StringComparison.Ordinal);
        while (result.Contains("!8va(!!8va)!", StringComparison.Ordinal))
            result = result.Replace("!8va(!!8va)!", "", StringComparison.Ordinal);
        return result;
    }
}
