using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Events;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.Time;

namespace NotaGen.Music.Tests.Midi.Import;

/// <summary>
/// ABC → the engine's events → MIDI bytes → <see cref="MidiToAbc"/> → the engine's events again, and how much of
/// the music came back: notes recovered with pitch, onset and duration, and bars whose notes all agree.
/// </summary>
internal sealed record ImportRoundTrip(int Notes, int Recovered, int Bars, int BarsEqual, string? FirstDifference, MidiImportResult Import)
{
    public double NoteShare => Notes == 0 ? 1 : (double)Recovered / Notes;

    public double BarShare => Bars == 0 ? 1 : (double)BarsEqual / Bars;

    public static ImportRoundTrip Run(string abc, string name, MidiImportOptions? options = null)
    {
        var original = Sounding(abc, name) ?? throw new InvalidOperationException($"{name}: the ABC engine reports errors");
        var bytes = SmfWriter.ToBytes(MidiExporter.Export(original));
        var import = MidiToAbc.Convert(SmfReader.Parse(bytes, name + ".mid"), name + ".mid", options);
        var back = Sounding(import.Abc, name + " (imported)")
            ?? throw new InvalidOperationException($"{name}: the imported ABC does not parse:\n{import.Abc}");
        return Compare(original, back, import);
    }

    /// <summary>The engine's events for a single-tune text, or null on parse errors.</summary>
    public static ScoreEvents? Sounding(string abc, string name)
    {
        var document = AbcParser.Parse(abc, name);
        return document.HasErrors || document.Tunes.Count == 0 ? null : document.Tunes[0].ToScoreEvents(name);
    }

    private static ImportRoundTrip Compare(ScoreEvents original, ScoreEvents back, MidiImportResult import)
    {
        // Notes compared without voices (the import regroups them); bars are whole-note spans of the original meters.
        var wanted = original.Notes.Select(Key).ToList();
        var remaining = back.Notes.Select(Key).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var recovered = 0;
        foreach (var note in wanted)
        {
            if (remaining.TryGetValue(note, out var count) && count > 0)
            {
                remaining[note] = count - 1;
                recovered++;
            }
        }
        var ours = ByBar(original.Notes, original);
        var theirs = ByBar(back.Notes, original);
        var bars = Math.Max(ours.Count, theirs.Count);
        var equal = 0;
        string? first = null;
        for (var b = 0; b < bars; b++)
        {
            var x = b < ours.Count ? ours[b] : [];
            var y = b < theirs.Count ? theirs[b] : [];
            if (x.SequenceEqual(y))
                equal++;
            else
                first ??= $"bar {b + 1}: {string.Join(" ", x.Take(6))} vs {string.Join(" ", y.Take(6))}";
        }
        return new ImportRoundTrip(wanted.Count, recovered, bars, equal, first, import);
    }

    private static (Rational Onset, Rational Duration, int Pitch) Key(NoteEvent n) => (n.Onset, n.Duration, n.Pitch);

    /// <summary>Notes by the bar of the original piece that their onset falls in (bars from the original's meters).</summary>
    private static List<List<(Rational, Rational, int)>> ByBar(IReadOnlyList<NoteEvent> notes, ScoreEvents meters)
    {
        var starts = new List<Rational>();
        var position = Rational.Zero;
        var end = notes.Count == 0 ? Rational.Zero : notes.Max(n => n.Onset + n.Duration);
        while (position < end)
        {
            starts.Add(position);
            var meter = meters.Meters.LastOrDefault(m => m.Onset <= position);
            position += meter?.BarLength ?? Rational.One;
        }
        var bars = starts.Select(_ => new List<(Rational, Rational, int)>()).ToList();
        foreach (var note in notes)
        {
            var index = starts.FindLastIndex(s => s <= note.Onset);
            if (index >= 0)
                bars[index].Add(Key(note));
        }
        foreach (var bar in bars)
            bar.Sort();
        return bars;
    }
}
