using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.Time;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.Midi.Import;

public sealed class MidiToAbcTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "melody in G with ties over bars", "X:1\nT:t\nM:3/4\nL:1/8\nQ:1/4=96\nK:G\nD2 | G2 A2 B2- | B2 c2 d2 | e4 d2- | d6 |]\n" },
        { "chords and rests", "X:1\nT:t\nM:4/4\nL:1/8\nK:C\n[CEG]2 z2 [DFA]4 | z4 [EGc]4 | [CEGc]8 |]\n" },
        { "accidentals in a minor key", "X:1\nT:t\nM:4/4\nL:1/16\nK:Am\nA,4 B,4 c4 ^G4 | A4 ^F4 =F4 E4 | ^D4 E4 _B4 A4 | A,16 |]\n" },
        { "triplets", "X:1\nT:t\nM:2/4\nL:1/8\nK:D\n(3DEF (3GAB | d2 (3dcB | A4 |]\n" },
        { "two voices", "X:1\nT:t\n%%score (1 2)\nM:4/4\nL:1/8\nK:F\nV:1\nc4 B2 A2 | G8 |]\nV:2\nF,8 | C,4 C4 |]\n" },
        { "meter change and pickup", "X:1\nT:t\nM:4/4\nL:1/8\nK:Bb\nF2 | B2 d2 f2 d2 | [M:3/4] c2 A2 F2 | B6 |]\n" },
        { "sixteenths and dotted rhythms", "X:1\nT:t\nM:6/8\nL:1/16\nK:E\nE3F G2 B4 e2 | d2c2B2 e6 |]\n" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void HandWrittenFixturesComeBackNoteForNoteThroughMidi(string name, string abc)
    {
        var trip = ImportRoundTrip.Run(abc, name);
        output.WriteLine(trip.Import.Abc);
        Assert.True(trip.Recovered == trip.Notes && trip.BarsEqual == trip.Bars,
            $"{name}: {trip.Recovered}/{trip.Notes} notes, {trip.BarsEqual}/{trip.Bars} bars; {trip.FirstDifference}\n{trip.Import.Abc}");
    }

    [Fact]
    public void TripletBeatsAreWrittenAsTupletsAndStraightBeatsAreNot()
    {
        var trip = ImportRoundTrip.Run("X:1\nT:t\nM:2/4\nL:1/8\nK:C\n(3CDE F2 | G2 (3AGF |]\n", "triplets");
        var music = string.Join("\n", trip.Import.Abc.Split('\n').Where(l => l.Length < 2 || l[1] != ':'));
        Assert.Equal(2, music.Split("(3").Length - 1);
        Assert.Equal(trip.Notes, trip.Recovered);
    }

    [Fact]
    public void TripletDetectionOffWritesTheNearestSixteenthsInstead()
    {
        var trip = ImportRoundTrip.Run("X:1\nT:t\nM:2/4\nL:1/8\nK:C\n(3CDE F2 | G4 |]\n", "triplets", MidiImportOptions.Default with { DetectTriplets = false });
        Assert.DoesNotContain("(3", trip.Import.Abc);
        Assert.True(trip.Recovered < trip.Notes, "a triplet cannot survive a sixteenth grid");
    }

    /// <summary>A performance a few ticks early or late on every event still lands on the written grid.</summary>
    [Fact]
    public void JitteredPerformanceSnapsToTheGrid()
    {
        const int tpq = 480;
        var random = new Random(7);
        var events = new List<MidiEvent>();
        var keys = new[] { 60, 62, 64, 65, 67, 65, 64, 62, 60 };
        for (var i = 0; i < keys.Length; i++)
        {
            long on = i * tpq / 2 + random.Next(-25, 26);
            long off = (i + 1) * tpq / 2 - 30 + random.Next(-25, 26);
            events.Add(new NoteOnEvent(Math.Max(0, on), 0, keys[i], 90));
            events.Add(new NoteOffEvent(off, 0, keys[i]));
        }
        var file = new MidiFile(0, tpq, [new MidiTrack(events.OrderBy(e => e.Tick).ToList())]);
        var result = MidiToAbc.Convert(file, "jitter.mid");
        var notes = ImportRoundTrip.Sounding(result.Abc, "jitter")!.Notes;
        Assert.Equal(keys, notes.Select(n => n.Pitch));
        Assert.All(notes.Select((n, i) => (n, i)), x =>
        {
            Assert.Equal(new Rational(x.i, 8), x.n.Onset);
            Assert.Equal(new Rational(1, 8), x.n.Duration);
        });
    }

    /// <summary>
    /// A score MIDI with 32nd notes (onsets exactly on 1/32, some off 1/16) is read on the 1/32 grid the data shows,
    /// and every note comes back; with <see cref="MidiImportOptions.RefineGrid"/> off, the 1/16 grid loses them.
    /// </summary>
    [Fact]
    public void ScoreMidiWithThirtySecondNotesIsReadOnTheFinerGrid()
    {
        const string abc = "X:1\nT:t\nM:2/4\nL:1/32\nK:C\nc3d e4 f4 g4 | a2b2c'2b2 a8 | G16 |]\n";
        var trip = ImportRoundTrip.Run(abc, "32nds");
        Assert.Equal(new Rational(1, 32), trip.Import.Grid);
        Assert.Equal(trip.Notes, trip.Recovered);
        var coarse = ImportRoundTrip.Run(abc, "32nds", MidiImportOptions.Default with { RefineGrid = false });
        Assert.Equal(new Rational(1, 16), coarse.Import.Grid);
        Assert.True(coarse.Recovered < coarse.Notes);
    }

    /// <summary>A performance's onsets sit on no grid: halving the grid would not explain them, so it stays 1/16.</summary>
    [Fact]
    public void PerformanceKeepsTheGivenGrid()
    {
        const int tpq = 480;
        var random = new Random(11);
        var events = new List<MidiEvent>();
        for (var i = 0; i < 64; i++)
        {
            long on = i * tpq / 4 + random.Next(-40, 41);
            events.Add(new NoteOnEvent(Math.Max(0, on), 0, 60 + (i % 12), 90));
            events.Add(new NoteOffEvent(Math.Max(0, on) + tpq / 4 - 20, 0, 60 + (i % 12)));
        }
        var result = MidiToAbc.Convert(new MidiFile(0, tpq, [new MidiTrack(events.OrderBy(e => e.Tick).ToList())]), "played.mid");
        Assert.Equal(new Rational(1, 16), result.Grid);
    }

    [Fact]
    public void OverlappingNotesOfOneTrackBecomeASecondVoice()
    {
        // A held C under a moving line: the line cannot share a chord with a note that started earlier.
        var events = new List<MidiEvent>
        {
            new NoteOnEvent(0, 0, 48, 80), new NoteOnEvent(0, 0, 72, 80), new NoteOffEvent(480, 0, 72),
            new NoteOnEvent(480, 0, 74, 80), new NoteOffEvent(960, 0, 74), new NoteOffEvent(960, 0, 48),
        };
        var result = MidiToAbc.Convert(new MidiFile(0, 480, [new MidiTrack(events)]), "held.mid");
        Assert.Contains("%%score (1 2)", result.Abc);
        var notes = ImportRoundTrip.Sounding(result.Abc, "held")!.Notes;
        Assert.Equal(2, notes.Select(n => n.Voice).Distinct().Count());
        Assert.Contains(notes, n => n.Pitch == 48 && n.Duration == new Rational(1, 2));
    }

    [Fact]
    public void KeySignatureEventDecidesTheKeyAndNoEstimateIsMade()
    {
        var events = new List<MidiEvent> { new KeySignatureEvent(0, -3, true), new NoteOnEvent(0, 0, 60, 80), new NoteOffEvent(480, 0, 60) };
        var result = MidiToAbc.Convert(new MidiFile(0, 480, [new MidiTrack(events)]), "cm.mid");
        Assert.False(result.KeyEstimated);
        Assert.Contains("\nK:Cm\n", result.Abc);
    }

    [Theory]
    [InlineData(new[] { 60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60 }, "C")]
    [InlineData(new[] { 57, 59, 60, 62, 64, 65, 68, 69, 64, 68, 69, 57 }, "Am")]
    [InlineData(new[] { 62, 64, 66, 67, 69, 71, 73, 74, 69, 66, 62 }, "D")]
    [InlineData(new[] { 65, 67, 69, 70, 72, 74, 76, 77, 72, 69, 65 }, "F")]
    public void KrumhanslSchmucklerFindsTheKeyOfAScale(int[] keys, string expected)
    {
        var key = KeyEstimator.Estimate(keys.Select(k => (k, new Rational(1, 4))));
        Assert.Equal(expected, key.AbcName);
    }

    [Fact]
    public void WithoutAKeySignatureTheEstimatedKeySpellsTheNotes()
    {
        // E major scale, no key signature event: K:E, and the notes need no accidentals.
        var keys = new[] { 64, 66, 68, 69, 71, 73, 75, 76, 71, 68, 64 };
        var events = new List<MidiEvent>();
        for (var i = 0; i < keys.Length; i++)
        {
            events.Add(new NoteOnEvent(i * 240, 0, keys[i], 80));
            events.Add(new NoteOffEvent((i + 1) * 240, 0, keys[i]));
        }
        var result = MidiToAbc.Convert(new MidiFile(0, 480, [new MidiTrack(events)]), "e.mid");
        Assert.True(result.KeyEstimated);
        Assert.Contains("\nK:E\n", result.Abc);
        var music = result.Abc[result.Abc.LastIndexOf("V:1\n", StringComparison.Ordinal)..];
        Assert.DoesNotContain("^", music);
        Assert.DoesNotContain("=", music);
        Assert.Equal(keys, ImportRoundTrip.Sounding(result.Abc, "e")!.Notes.Select(n => n.Pitch));
    }

    [Fact]
    public void PercussionChannelIsSkippedWithAWarning()
    {
        var events = new List<MidiEvent>
        {
            new NoteOnEvent(0, 9, 36, 100), new NoteOffEvent(240, 9, 36),
            new NoteOnEvent(0, 0, 67, 80), new NoteOffEvent(480, 0, 67),
        };
        var result = MidiToAbc.Convert(new MidiFile(0, 480, [new MidiTrack(events)]), "drums.mid");
        Assert.Contains(result.Warnings, w => w.Contains("channel 10", StringComparison.Ordinal) && w.Contains("track 1", StringComparison.Ordinal));
        Assert.Equal([67], ImportRoundTrip.Sounding(result.Abc, "drums")!.Notes.Select(n => n.Pitch));
    }

    [Fact]
    public void TracksAndChannelsBecomePartsNamedAfterTheirTracks()
    {
        var conductor = new MidiTrack([new TrackNameEvent(0, "Sonata"), new TimeSignatureEvent(0, 3, 4), new SetTempoEvent(0, 600_000)]);
        var right = new MidiTrack([new TrackNameEvent(0, "Violin"), new NoteOnEvent(0, 0, 76, 80), new NoteOffEvent(1440, 0, 76)]);
        var left = new MidiTrack([new TrackNameEvent(0, "Cello"), new NoteOnEvent(0, 1, 43, 80), new NoteOffEvent(1440, 1, 43)]);
        var result = MidiToAbc.Convert(new MidiFile(1, 480, [conductor, right, left]), "duo.mid");
        Assert.Contains("T:Sonata\n", result.Abc);
        Assert.Contains("M:3/4\n", result.Abc);
        Assert.Contains("Q:1/4=100\n", result.Abc);
        Assert.Contains("V:1 treble nm=\"Violin\"", result.Abc);
        Assert.Contains("V:2 bass nm=\"Cello\"", result.Abc);
    }

    [Fact]
    public void RunningStatusFileImports()
    {
        // Note-on C, then (running status) note-on E, then velocity-0 note-ons as note-offs, all on one status byte.
        byte[] body = [0x00, 0x90, 60, 80, 0x00, 64, 80, 0x83, 0x60, 60, 0, 0x00, 64, 0, 0x00, 0xFF, 0x2F, 0x00];
        var file = SmfReader.Parse(SmfBytes.File(0, 480, body), "running.mid");
        var result = MidiToAbc.Convert(file, "running.mid");
        var notes = ImportRoundTrip.Sounding(result.Abc, "running")!.Notes;
        Assert.Equal([60, 64], notes.Select(n => n.Pitch).Order());
        Assert.All(notes, n => Assert.Equal(new Rational(1, 4), n.Duration));
    }

    [Fact]
    public void AFileWithoutPitchedNotesIsRefusedNamingTheFile()
    {
        var events = new List<MidiEvent> { new NoteOnEvent(0, 9, 36, 100), new NoteOffEvent(240, 9, 36) };
        var e = Assert.Throws<MusicFormatException>(() => MidiToAbc.Convert(new MidiFile(0, 480, [new MidiTrack(events)]), "drums-only.mid"));
        Assert.StartsWith("drums-only.mid: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("no pitched notes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFileErrorNamesTrackAndOffset()
    {
        byte[] body = [0x00, 0x90, 60, 80, 0x83];
        var e = Assert.Throws<MusicFormatException>(() => MidiToAbc.Convert(SmfReader.Parse(SmfBytes.File(0, 480, body), "cut.mid"), "cut.mid"));
        Assert.Contains("track 1, byte", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnusableGridIsRefused()
    {
        var file = new MidiFile(0, 480, [new MidiTrack([new NoteOnEvent(0, 0, 60, 80), new NoteOffEvent(480, 0, 60)])]);
        Assert.Throws<ArgumentException>(() => MidiToAbc.Convert(file, "x.mid", MidiImportOptions.Default with { Grid = new Rational(1, 2) }));
    }
}
