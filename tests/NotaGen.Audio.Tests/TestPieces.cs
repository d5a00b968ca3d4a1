using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Audio.Tests;

/// <summary>Small pieces built directly as events.</summary>
internal static class TestPieces
{
    /// <summary>One A4 (MIDI 69) held for <paramref name="wholeNotes"/> whole notes at 1/4=120 (2 s per whole note).</summary>
    public static ScoreEvents LoneA4(string instrument, long wholeNotes = 1) => new(
        [new VoiceInfo("V1", instrument)],
        [new NoteEvent("V1", 0, Rational.Zero, wholeNotes, 69, 90)],
        [new TempoEvent(Rational.Zero, new Rational(1, 4), 120)],
        [new MeterEvent(Rational.Zero, 4, 4)],
        []);

    /// <summary>
    /// A four-voice chorale-like piece: <paramref name="bars"/> bars of 4/4 at 1/4=<paramref name="tempo"/>, a chord
    /// per quarter note, each voice its own instrument.
    /// </summary>
    public static ScoreEvents FourVoices(int bars, int tempo = 120)
    {
        (string Id, string Name)[] voices = [("S", "Violin"), ("A", "Flute"), ("T", "Clarinet"), ("B", "Violoncello")];
        int[] scale = [0, 2, 4, 5, 7, 9, 11, 12];
        var notes = new List<NoteEvent>();
        for (var bar = 0; bar < bars; bar++)
        {
            for (var beat = 0; beat < 4; beat++)
            {
                var onset = new Rational(bar * 4 + beat, 4);
                for (var v = 0; v < voices.Length; v++)
                {
                    var pitch = 72 - 12 * v + scale[(bar + beat * (v + 1)) % scale.Length];
                    notes.Add(new NoteEvent(voices[v].Id, bar, onset, new Rational(1, 4), pitch, 60 + 10 * v));
                }
            }
        }
        return new ScoreEvents(
            voices.Select(v => new VoiceInfo(v.Id, v.Name)).ToList(),
            notes.OrderBy(n => n.Onset).ToList(),
            [new TempoEvent(Rational.Zero, new Rational(1, 4), tempo)],
            [new MeterEvent(Rational.Zero, 4, 4)],
            [new KeyEvent(Rational.Zero, 0)])
        { End = bars };
    }
}
