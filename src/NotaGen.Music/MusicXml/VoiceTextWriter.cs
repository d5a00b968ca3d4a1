using System.Runtime.CompilerServices;
using System.Text;

namespace NotaGen.Music.MusicXml;

/// <summary>Writes one voice of one measure as ABC text (notes, chords, ties, tuplets, decorations, barline).</summary>
internal static class VoiceTextWriter
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Write(List<VoiceItem> measure, long divisions, int unit, MeasureLocation location)
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
            var chordTied = chord && AllTied(note.Pitches); // one tie for the whole chord
            var tie = chordTied ? "-" : "";
            if (note.Beam == 0)
                text.Append(' ');
            // Written straight into the measure's text: no builder or list per note.
            var start = text.Length;
            text.Append(note.TupletPrefix);
            foreach (var b in note.Before)
                text.Append(b);
            if (chord)
                text.Append('[');
            foreach (var p in note.Pitches)
                text.Append(p, 0, chordTied ? p.Length - 1 : p.Length);
            if (chord)
                text.Append(']').Append(tie);
            if (text.Length > start && text[^1] == '-')
            {
                text.Length--;
                tie = "-";
            }
            text.Append(duration).Append(tie).Append(note.After);
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

    private static bool AllTied(List<string> pitches)
    {
        foreach (var p in pitches)
        {
            if (!p.EndsWith('-'))
                return false;
        }
        return true;
    }
}
