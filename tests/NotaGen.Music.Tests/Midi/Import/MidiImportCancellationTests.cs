using System.Diagnostics;
using NotaGen.Music.Abc.Writing;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.Time;
using Xunit;

namespace NotaGen.Music.Tests.Midi.Import;

/// <summary>
/// An import given up on (folder mode's per-file time limit) stops inside each of its steps, not only between them:
/// each stage below is handed a token already cancelled and must throw, so a stage that never looks at the token
/// fails here. The last test gives up on a whole import of a large file and only asks that it returns well before
/// a generous bound.
/// </summary>
public class MidiImportCancellationTests
{
    private static readonly CancellationToken Cancelled = new(canceled: true);

    /// <summary>A format 0 file of <paramref name="count"/> sixteenth notes climbing and falling over two octaves.</summary>
    private static MidiFile LongFile(int count)
    {
        var events = new List<MidiEvent>(2 * count);
        for (var n = 0; n < count; n++)
        {
            events.Add(new NoteOnEvent(n * 120L, 0, 60 + (n % 24), 64));
            events.Add(new NoteOffEvent((n * 120L) + 120, 0, 60 + (n % 24)));
        }
        return new MidiFile(0, 480, [new MidiTrack(events)]);
    }

    private static List<PerformedNote> Notes(int count) =>
        [.. Enumerable.Range(0, count).Select(n => new PerformedNote(1, 0, 60 + (n % 24), n * 120L, (n * 120L) + 120, 64))];

    [Fact]
    public void Importing_stops_when_the_token_is_cancelled_and_runs_to_the_end_without_it()
    {
        var file = LongFile(2_000);
        Assert.Throws<OperationCanceledException>(() => MidiToAbc.Convert(file, "long.mid", cancel: Cancelled));
        Assert.Contains("|", MidiToAbc.Convert(file, "long.mid").Abc, StringComparison.Ordinal);
    }

    [Fact]
    public void The_note_collector_grid_refiner_and_bar_map_look_at_the_token()
    {
        var file = LongFile(2_000);
        Assert.Throws<OperationCanceledException>(() => MidiNoteCollector.Collect(file, [], Cancelled));
        Assert.Equal(2_000, MidiNoteCollector.Collect(file, []).Single().Notes.Count);

        var onTicks = Notes(2_000).Select(n => n.OnTick).ToList();
        Assert.Throws<OperationCanceledException>(() => GridRefiner.Choose(onTicks, 480, MidiImportOptions.Default, Cancelled));

        Assert.Throws<OperationCanceledException>(() => new BarMap([]).Cover(new Rational(500, 1), cancel: Cancelled));
        var bars = new BarMap([]);
        Assert.True(bars.Cover(new Rational(500, 1)));
        Assert.Equal(500, bars.Bars.Count);
    }

    [Fact]
    public void The_quantiser_looks_at_the_token_while_choosing_its_grid_and_snapping_notes()
    {
        var bars = new BarMap([]);
        bars.Cover(new Rational(500, 1));
        var notes = Notes(2_000);
        var rawTimes = notes.SelectMany(n => new[] { new Rational(n.OnTick, 1920), new Rational(n.OffTick, 1920) }).ToList();
        Assert.Throws<OperationCanceledException>(() => Quantizer.Build(bars.Bars, rawTimes, MidiImportOptions.Default, Cancelled));

        var quantizer = Quantizer.Build(bars.Bars, rawTimes, MidiImportOptions.Default);
        Assert.Throws<OperationCanceledException>(() => quantizer.Quantise(notes, 480, Cancelled));
        Assert.Equal(2_000, quantizer.Quantise(notes, 480).Count);
    }

    [Fact]
    public void The_voice_splitter_and_the_bar_writer_look_at_the_token()
    {
        var bars = new BarMap([]);
        bars.Cover(new Rational(500, 1));
        var notes = Notes(2_000);
        var rawTimes = notes.SelectMany(n => new[] { new Rational(n.OnTick, 1920), new Rational(n.OffTick, 1920) }).ToList();
        var quantised = Quantizer.Build(bars.Bars, rawTimes, MidiImportOptions.Default).Quantise(notes, 480);
        Assert.Throws<OperationCanceledException>(() => VoiceSplitter.Split(quantised, Cancelled));
        var voice = Assert.Single(VoiceSplitter.Split(quantised));

        var builder = new AbcVoiceBuilder(bars.Bars, [], MidiImportOptions.Default, invisibleRests: false);
        var speller = new PitchSpeller(0, false);
        Assert.Throws<OperationCanceledException>(() => builder.Build(voice, _ => speller, Cancelled));
        Assert.Equal(500, builder.Build(voice, _ => speller).Count);
    }

    [Fact]
    public void An_import_of_a_large_file_given_up_on_stops_with_the_cancellation_well_within_a_generous_bound()
    {
        // 400,000 notes: given up on 200 ms in, wherever the import then is (reading, quantising, splitting, writing bars).
        var bytes = SmfWriter.ToBytes(LongFile(400_000));
        var path = Path.Combine(Path.GetTempPath(), $"notagen-cancel-{Guid.NewGuid():N}.mid");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var clock = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => MidiToAbc.ConvertFile(path, cancel: cancel.Token));
            // Generous: the point is that it stops, not how fast this machine is.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the import took {clock.Elapsed.TotalSeconds:0.0} s to stop");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
