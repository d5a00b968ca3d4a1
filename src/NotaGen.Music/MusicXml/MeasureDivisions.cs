using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// Divisions per quarter note, measure by measure, that express every onset and duration exactly: one value for the
/// whole score when it stays within <see cref="Max"/> (most scores), otherwise each measure's own. MusicXML lets
/// <c>&lt;divisions&gt;</c> change at any measure, so a piece whose cadenzas hold tuplets of many different sizes
/// (5, 7, 13, 19, 23 …) does not need one value that expresses all of them at once.
/// </summary>
internal static class MeasureDivisions
{
    /// <summary>Largest divisions per quarter note written; a measure with finer rhythms is refused.</summary>
    public const long Max = 1L << 20;

    public static IReadOnlyList<long> For(IReadOnlyList<AbcVoice> voices, string fileName)
    {
        var measures = voices.Count == 0 ? 0 : voices.Max(BarCount);
        var whole = new Multiple();
        foreach (var voice in voices)
        {
            foreach (var bar in voice.Bars)
                whole.Take(bar.Start, bar.Duration);
            foreach (var note in voice.Notes)
                whole.Take(note.Onset, note.Duration);
            foreach (var rest in voice.Marks.Where(m => m.Element is AbcRest))
                whole.Take(rest.Onset, rest.Duration);
        }
        if (whole.Fits)
            return Enumerable.Repeat(whole.Value, measures).ToList();

        var perMeasure = Enumerable.Range(0, measures).Select(_ => new Multiple()).ToList();
        foreach (var voice in voices)
        {
            Rational StartOf(int bar) => bar < voice.Bars.Count ? voice.Bars[bar].Start : voice.End;
            for (var i = 0; i < voice.Bars.Count; i++)
                perMeasure[i].Take(voice.Bars[i].Duration);
            foreach (var note in voice.Notes)
            {
                // Cut at bar lines as the writer cuts them: each piece counts in its own measure.
                var (bar, onset, end) = (note.Bar, note.Onset, note.Onset + note.Duration);
                while (true)
                {
                    var barEnd = bar < voice.Bars.Count ? voice.Bars[bar].Start + voice.Bars[bar].Duration : end;
                    var more = bar + 1 < voice.Bars.Count && end > barEnd && barEnd > onset;
                    perMeasure[bar].Take(onset - StartOf(bar), (more ? barEnd : end) - StartOf(bar));
                    if (!more)
                        break;
                    onset = barEnd;
                    bar++;
                }
            }
            foreach (var rest in voice.Marks.Where(m => m.Element is AbcRest && m.Bar < measures))
                perMeasure[rest.Bar].Take(rest.Onset - StartOf(rest.Bar), rest.Onset + rest.Duration - StartOf(rest.Bar));
        }
        for (var i = 0; i < measures; i++)
        {
            if (!perMeasure[i].Fits)
                throw new MusicFormatException(fileName, $"bar {i + 1}", $"rhythms finer than 1/{Max} of a quarter note cannot be written as MusicXML divisions");
        }
        return perMeasure.Select(m => m.Value).ToList();
    }

    /// <summary>The measures a voice fills: its bars, or more where notes run past its last bar line.</summary>
    public static int BarCount(AbcVoice voice) => Math.Max(voice.Bars.Count, voice.Notes.Count == 0 ? 0 : voice.Notes.Max(n => n.Bar) + 1);

    /// <summary>The least common multiple of the quarter-note denominators taken, or "too fine" once it passes <see cref="Max"/>.</summary>
    private sealed class Multiple
    {
        public long Value { get; private set; } = 1;

        public bool Fits => Value <= Max;

        public void Take(params ReadOnlySpan<Rational> wholeNotes)
        {
            foreach (var time in wholeNotes)
            {
                var d = (time * 4).Denominator;
                if (!Fits || d > Max)
                {
                    Value = Max + 1;
                    return;
                }
                Value = Value / Gcd(Value, d) * d;
            }
        }

        private static long Gcd(long a, long b)
        {
            while (b != 0)
                (a, b) = (b, a % b);
            return Math.Abs(a);
        }
    }
}
