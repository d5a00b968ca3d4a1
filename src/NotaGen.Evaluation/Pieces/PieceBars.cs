using System.Text;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Evaluation.Pieces;

/// <summary>
/// Bar i of a piece: bar i of every voice together. <see cref="Start"/> and <see cref="Length"/> come from the longest
/// voice's bar i (exact); <see cref="Key"/> identifies the bar's music (every voice's notes as onset-in-bar, duration,
/// pitch), so two bars are "the same" when they sound the same, however the text was written.
/// </summary>
public sealed record PieceBar(int Index, Rational Start, Rational Length, IReadOnlyList<NoteEvent> Notes, string Key)
{
    public bool IsEmpty => Notes.Count == 0;
}

public static class PieceBars
{
    public static IReadOnlyList<PieceBar> From(AbcTuneSemantics semantics, ScoreEvents events)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        ArgumentNullException.ThrowIfNull(events);
        var count = semantics.Voices.Count == 0 ? 0 : semantics.Voices.Max(v => v.Bars.Count);
        var notesByBar = events.Notes.GroupBy(n => n.Bar).ToDictionary(g => g.Key, g => g.ToList());
        var bars = new List<PieceBar>(count);
        for (var i = 0; i < count; i++)
        {
            var longest = semantics.Voices.Where(v => v.Bars.Count > i).Select(v => v.Bars[i]).MaxBy(b => b.Duration)!;
            var notes = notesByBar.TryGetValue(i, out var list) ? list : [];
            bars.Add(new PieceBar(i, longest.Start, longest.Duration, notes, KeyOf(notes, semantics)));
        }
        return bars;
    }

    private static string KeyOf(List<NoteEvent> notes, AbcTuneSemantics semantics)
    {
        var key = new StringBuilder();
        foreach (var voice in semantics.Voices)
        {
            key.Append('|');
            foreach (var note in notes.Where(n => n.Voice == voice.Id))
            {
                var start = voice.Bars.Count > note.Bar ? voice.Bars[note.Bar].Start : Rational.Zero;
                key.Append(note.Onset - start).Append(',').Append(note.Duration).Append(',').Append(note.Pitch).Append(';');
            }
        }
        return key.ToString();
    }
}
