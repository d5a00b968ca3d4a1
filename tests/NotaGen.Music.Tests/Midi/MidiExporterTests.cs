using NotaGen.Music.Events;
using NotaGen.Music.Midi;
using NotaGen.Music.Time;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>ScoreEvents → SMF, checked by reading the file with python3-mido.</summary>
public class MidiExporterTests
{
    private static Rational R(long n, long d) => new(n, d);

    private static ScoreEvents Quartet()
    {
        VoiceInfo[] voices =
        [
            new("V1", "Violino I"), new("V2", "Violoncello"), new("V3", "Flöte"), new("V4", "Soprano"),
        ];
        var notes = new List<NoteEvent>
        {
            new("V1", 0, R(0, 1), R(1, 4), 76, 90),
            new("V1", 0, R(1, 4), R(1, 12), 77, 70),   // a triplet
            new("V1", 0, R(1, 3), R(1, 12), 79, 70),
            new("V1", 0, R(5, 12), R(1, 12), 77, 70),
            new("V1", 0, R(1, 2), R(1, 4), 76, 64),
            new("V2", 0, R(0, 1), R(3, 4), 48, 80),
            new("V2", 0, R(0, 1), R(3, 4), 55, 80),    // a chord
            new("V3", 1, R(3, 4), R(3, 8), 84, 100),
            new("V3", 1, R(9, 8), R(3, 8), 84, 100),   // the same key again
            new("V4", 1, R(3, 4), R(3, 4), 72, 50),
        };
        TempoEvent[] tempi = [new(R(0, 1), R(1, 4), 100), new(R(3, 4), R(3, 8), 60)];
        MeterEvent[] meters = [new(R(0, 1), 3, 4), new(R(3, 4), 6, 8)];
        KeyEvent[] keys = [new(R(0, 1), -3, "minor")];
        return new ScoreEvents(voices, notes, tempi, meters, keys) { End = R(3, 2) };
    }

    [SkippableFact]
    public void MidoReadsTheSameNotesChannelsProgramsAndTempi()
    {
        using var dir = new TempDirectory();
        var path = dir.File("quartet.mid");
        var score = Quartet();
        SmfWriter.WriteFile(MidiExporter.Export(score), path);

        var mido = Assert.Single(MidoDump.Read(path));
        Assert.Equal(1, mido.Type);
        Assert.Equal(480, mido.TicksPerBeat);
        Assert.Equal(1 + score.Voices.Count, mido.Tracks.Count);

        // Conductor: 1/4=100 is 600000 µs per quarter; 3/8=60 is 2/3 s per quarter.
        Assert.Equal([[0, 600_000], [1440, 666_667]], mido.Tracks[0].Tempos);
        Assert.Equal([[0, 3, 4], [1440, 6, 8]], mido.Tracks[0].Meters);
        Assert.Equal("Cm", Assert.Single(mido.Tracks[0].Keys)[1].GetString());

        int[] programs = [40, 42, 73, 52];
        var channels = new HashSet<long>();
        for (var v = 0; v < score.Voices.Count; v++)
        {
            var track = mido.Tracks[v + 1];
            Assert.Equal(score.Voices[v].Name, track.Name);
            var program = Assert.Single(track.Programs);
            Assert.Equal(programs[v], program[2]);
            Assert.True(channels.Add(program[1]), "each voice has its own channel");

            var expected = score.Notes.Where(n => n.Voice == score.Voices[v].Id)
                .Select(n => string.Join(',', program[1], n.Pitch, Ticks(n.Onset), Ticks(n.Duration), n.Velocity))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, track.Notes.Select(n => string.Join(',', n)).Order(StringComparer.Ordinal));
        }
        Assert.DoesNotContain(9L, channels);
    }

    private static long Ticks(Rational wholeNotes)
    {
        var ticks = wholeNotes * 1920; // 4 quarters of 480 ticks
        Assert.True(ticks.IsInteger);
        return ticks.Numerator;
    }

    [Fact]
    public void SixteenVoicesNeverUseThePercussionChannel()
    {
        var voices = Enumerable.Range(1, 16).Select(i => new VoiceInfo($"V{i}", "Violin")).ToList();
        var notes = voices.Select(v => new NoteEvent(v.Id, 0, Rational.Zero, R(1, 4), 60)).ToList();
        var file = MidiExporter.Export(new ScoreEvents(voices, notes, [], [], []));
        var used = file.Tracks.SelectMany(t => t.Events).OfType<ChannelEvent>().Select(e => e.Channel).ToHashSet();
        Assert.DoesNotContain(9, used);
        Assert.Equal(15, used.Count);
    }

    [Fact]
    public void PastFifteenVoicesAVoiceSharesTheChannelOfItsInstrument()
    {
        var voices = Enumerable.Range(1, 15).Select(i => new VoiceInfo($"V{i}", i == 4 ? "Flute" : "Violin")).Append(new VoiceInfo("V16", "Flöte")).ToList();
        var notes = voices.Select(v => new NoteEvent(v.Id, 0, Rational.Zero, R(1, 4), 72)).ToList();
        var file = MidiExporter.Export(new ScoreEvents(voices, notes, [], [], []));
        int ChannelOf(int track) => file.Tracks[track].Events.OfType<ProgramChangeEvent>().Single().Channel;
        Assert.Equal(ChannelOf(4), ChannelOf(16));
    }

    [SkippableFact]
    public void SeptupletsRaiseTheResolutionSoEveryOnsetIsExact()
    {
        // Seven notes in a quarter: onsets k/28 of a whole note need 7 | ticks per quarter.
        var notes = Enumerable.Range(0, 7).Select(k => new NoteEvent("V1", 0, R(k, 28), R(1, 28), 60 + k)).ToList();
        var score = new ScoreEvents([new VoiceInfo("V1", "Piano")], notes, [], [], []);
        using var dir = new TempDirectory();
        var path = dir.File("septuplet.mid");
        SmfWriter.WriteFile(MidiExporter.Export(score), path);

        var mido = Assert.Single(MidoDump.Read(path));
        Assert.Equal(3360, mido.TicksPerBeat); // lcm(480, 7)
        Assert.Equal(Enumerable.Range(0, 7).Select(k => (long)k * 480), mido.Tracks[1].Notes.Select(n => n[2]).Order());
        Assert.All(mido.Tracks[1].Notes, n => Assert.Equal(480, n[3]));
    }

    [Fact]
    public void AFixedResolutionThatCannotPlaceANoteIsRefusedNamingIt()
    {
        var notes = new[] { new NoteEvent("V1", 3, R(1, 28), R(1, 28), 60) };
        var score = new ScoreEvents([new VoiceInfo("V1")], notes, [], [], []);
        var error = Assert.Throws<MidiExportException>(() => MidiExporter.Export(score, new MidiExportOptions(480)));
        Assert.Contains("Voice V1, bar 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APieceNoResolutionCanHoldIsRefused()
    {
        var notes = new[] { new NoteEvent("V1", 0, R(1, 7 * 11 * 13), R(1, 4), 60) };
        var score = new ScoreEvents([new VoiceInfo("V1")], notes, [], [], []);
        Assert.Throws<MidiExportException>(() => MidiExporter.Export(score));
    }

    [Fact]
    public void ARestruckKeyEndsTheEarlierNoteFirst()
    {
        // Two overlapping notes of one key in one voice: the second onset ends the first.
        var notes = new[]
        {
            new NoteEvent("V1", 0, R(0, 1), R(1, 2), 60),
            new NoteEvent("V1", 0, R(1, 4), R(1, 4), 60),
        };
        var file = MidiExporter.Export(new ScoreEvents([new VoiceInfo("V1")], notes, [], [], []));
        var keyEvents = file.Tracks[1].Events.Where(e => e is NoteOnEvent or NoteOffEvent)
            .Select(e => (e.GetType().Name, e.Tick)).ToList();
        Assert.Equal([("NoteOnEvent", 0L), ("NoteOffEvent", 480L), ("NoteOnEvent", 480L), ("NoteOffEvent", 960L)], keyEvents);
    }

    [Fact]
    public void TempoMapTurnsTicksIntoSeconds()
    {
        var map = new MidiTempoMap(MidiExporter.Export(Quartet()));
        // 1440 ticks at 100 quarters a minute = 3 quarters * 0.6 s; then 2/3 s per quarter, stored as 666667 µs.
        Assert.Equal(1.8, map.ToSeconds(1440), 9);
        Assert.Equal(1.8 + 3 * 0.666667, map.ToSeconds(2880), 9);
        Assert.Equal(0.3, map.ToSeconds(240), 9);
    }
}
