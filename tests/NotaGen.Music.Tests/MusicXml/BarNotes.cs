using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Time;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// The notes of an ABC tune as the ABC engine hears them, per voice and per bar: (onset within the bar, duration,
/// MIDI pitch), sorted. Onsets are taken from the bar start so that one stray rest does not shift the rest of the piece.
/// </summary>
internal sealed record BarNotes(IReadOnlyDictionary<string, List<List<(Rational Onset, Rational Duration, int Pitch)>>> Voices)
{
    public static BarNotes FromAbc(string abc, string name)
    {
        var document = AbcParser.Parse(abc, name);
        if (document.Tunes.Count == 0)
            throw new InvalidOperationException($"{name}: no tune");
        var semantics = AbcInterpreter.Interpret(document.Tunes[0], name);
        var voices = new Dictionary<string, List<List<(Rational, Rational, int)>>>();
        foreach (var voice in semantics.Voices)
        {
            var bars = new List<List<(Rational, Rational, int)>>();
            foreach (var bar in voice.Bars)
                bars.Add([]);
            foreach (var note in voice.Notes)
            {
                while (bars.Count <= note.Bar)
                    bars.Add([]);
                var start = note.Bar < voice.Bars.Count ? voice.Bars[note.Bar].Start : Rational.Zero;
                bars[note.Bar].Add((note.Onset - start, note.Duration, note.Pitch));
            }
            foreach (var bar in bars)
                bar.Sort();
            // Trailing bars without notes say nothing about the music (a final empty bar after the last barline).
            while (bars.Count > 0 && bars[^1].Count == 0)
                bars.RemoveAt(bars.Count - 1);
            voices[voice.Id] = bars;
        }
        return new BarNotes(voices);
    }

    /// <summary>All voices merged bar by bar: for comparisons where voices may be regrouped but no note may be lost.</summary>
    public BarNotes Merged()
    {
        var bars = new List<List<(Rational, Rational, int)>>();
        foreach (var voice in Voices.Values)
        {
            for (var i = 0; i < voice.Count; i++)
            {
                while (bars.Count <= i)
                    bars.Add([]);
                bars[i].AddRange(voice[i]);
            }
        }
        foreach (var bar in bars)
            bar.Sort();
        return new BarNotes(new Dictionary<string, List<List<(Rational, Rational, int)>>> { ["all"] = bars });
    }

    /// <summary>Null when equal; otherwise where the first difference is, in words.</summary>
    public string? FirstDifference(BarNotes other)
    {
        var mine = Voices.Where(v => v.Value.Count > 0).Select(v => v.Key).Order(StringComparer.Ordinal).ToList();
        var theirs = other.Voices.Where(v => v.Value.Count > 0).Select(v => v.Key).Order(StringComparer.Ordinal).ToList();
        if (!mine.SequenceEqual(theirs))
            return $"voices differ: [{string.Join(" ", mine)}] vs [{string.Join(" ", theirs)}]";
        foreach (var id in mine)
        {
            var a = Voices[id];
            var b = other.Voices[id];
            for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                var x = i < a.Count ? a[i] : [];
                var y = i < b.Count ? b[i] : [];
                if (!x.SequenceEqual(y))
                {
                    // Shown from the first note that differs: the notes before it agree.
                    var k = 0;
                    while (k < x.Count && k < y.Count && x[k] == y[k])
                        k++;
                    return $"voice {id}, bar {i + 1}, note {k + 1}: {Show(x.Skip(k).ToList())} vs {Show(y.Skip(k).ToList())}";
                }
            }
        }
        return null;
    }

    private static string Show(List<(Rational Onset, Rational Duration, int Pitch)> bar) =>
        bar.Count == 0 ? "(no notes)" : string.Join(" ", bar.Take(6).Select(n => $"{n.Pitch}@{n.Onset}/{n.Duration}")) + (bar.Count > 6 ? " …" : "");
}
