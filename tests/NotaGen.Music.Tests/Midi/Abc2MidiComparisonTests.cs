using NotaGen.Music.Events;
using NotaGen.Music.Midi;
using NotaGen.Music.Time;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>
/// The exporter against abc2midi, the reference ABC → MIDI converter: for a tune whose events are written out by
/// hand here, both files must carry the same pitches per voice with onsets within one tick at 480 ticks per quarter
/// (abc2midi starts notes one tick late and shortens them, so durations are not compared; <c>chordattack 0</c> stops it
/// from staggering the notes of a chord by 10 ticks).
/// </summary>
public class Abc2MidiComparisonTests
{
    private const string Tune = """
        X:1
        T:Test
        M:3/4
        L:1/8
        Q:1/4=100
        K:Gm
        %%MIDI chordattack 0
        V:1 nm="Violin"
        V:2 nm="Violoncello"
        V:1
        d2 (3efg a2 | b6 | ^f3 g/a/ b2 |]
        V:2
        G,6 | D,4 G,2 | [D,A,]6 |]
        """;

    private static Rational R(long n, long d) => new(n, d);

    /// <summary>The tune's events: bars of 3/4 = 3/4 whole notes; the triplet's notes last 1/12.</summary>
    private static ScoreEvents TuneEvents()
    {
        NoteEvent N(string voice, int bar, Rational onset, Rational duration, int pitch) => new(voice, bar, onset, duration, pitch);
        NoteEvent[] notes =
        [
            N("1", 0, R(0, 1), R(1, 4), 74), N("1", 0, R(1, 4), R(1, 12), 75), N("1", 0, R(1, 3), R(1, 12), 77),
            N("1", 0, R(5, 12), R(1, 12), 79), N("1", 0, R(1, 2), R(1, 4), 81), N("1", 1, R(3, 4), R(3, 4), 82),
            N("1", 2, R(3, 2), R(3, 8), 78), N("1", 2, R(15, 8), R(1, 16), 79), N("1", 2, R(31, 16), R(1, 16), 81),
            N("1", 2, R(2, 1), R(1, 4), 82),
            N("2", 0, R(0, 1), R(3, 4), 55), N("2", 1, R(3, 4), R(1, 2), 50), N("2", 1, R(5, 4), R(1, 4), 55),
            N("2", 2, R(3, 2), R(3, 4), 50), N("2", 2, R(3, 2), R(3, 4), 57),
        ];
        return new ScoreEvents(
            [new VoiceInfo("1", "Violin"), new VoiceInfo("2", "Violoncello")],
            notes.OrderBy(n => n.Onset).ToList(),
            [new TempoEvent(Rational.Zero, R(1, 4), 100)],
            [new MeterEvent(Rational.Zero, 3, 4)],
            [new KeyEvent(Rational.Zero, -2, "minor")])
        { End = R(9, 4) };
    }

    [SkippableFact]
    public void SamePitchesAndOnsetsWithinOneTickAsAbc2Midi()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("tune.abc"), Tune);
        var run = Abc2Midi.Play(abc2midi, "tune.abc", "reference.mid", dir.Path);
        Assert.True(File.Exists(dir.File("reference.mid")), run.StandardOutput + run.StandardError);
        SmfWriter.WriteFile(MidiExporter.Export(TuneEvents(), new MidiExportOptions(480)), dir.File("ours.mid"));

        var files = MidoDump.Read(dir.File("reference.mid"), dir.File("ours.mid"));
        var (reference, ours) = (files[0], files[1]);
        Assert.Equal(reference.TicksPerBeat, ours.TicksPerBeat);
        var referenceVoices = reference.Tracks.Where(t => t.Notes.Count > 0).ToList();
        var ourVoices = ours.Tracks.Where(t => t.Notes.Count > 0).ToList();
        Assert.Equal(2, referenceVoices.Count);
        Assert.Equal(referenceVoices.Count, ourVoices.Count);
        for (var v = 0; v < ourVoices.Count; v++)
        {
            // (pitch, onset) in onset order; the triplet and dotted rhythms are where rounding would show.
            var expected = referenceVoices[v].Notes.Select(n => (Pitch: n[1], Onset: n[2])).OrderBy(n => n.Onset).ThenBy(n => n.Pitch).ToList();
            var actual = ourVoices[v].Notes.Select(n => (Pitch: n[1], Onset: n[2])).OrderBy(n => n.Onset).ThenBy(n => n.Pitch).ToList();
            Assert.Equal(expected.Select(n => n.Pitch), actual.Select(n => n.Pitch));
            Assert.All(expected.Zip(actual), pair => Assert.InRange(pair.Second.Onset - pair.First.Onset, -1, 1));
        }
        Assert.Equal(reference.Tracks[0].Tempos, ours.Tracks[0].Tempos);
        Assert.Equal(reference.Tracks[0].Meters, ours.Tracks[0].Meters);
    }
}
