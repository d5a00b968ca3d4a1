using System.Text;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Midi;
using NotaGen.Music.Scores;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>
/// The MIDI reader, the exporter (score → .mid, used for WAV rendering too) and the writer stop when the token of a
/// conversion given up on (folder mode's per-file time limit) is cancelled: each is handed a token already cancelled
/// and must throw, so one that never looks at the token fails here; without a token each runs to the end.
/// </summary>
public class MidiCancellationTests
{
    private static readonly CancellationToken Cancelled = new(canceled: true);

    /// <summary>A tune of <paramref name="bars"/> bars of eight eighth notes, with a repeated section at the start.</summary>
    private static string LongTune(int bars)
    {
        var text = new StringBuilder("X:1\nL:1/8\nM:4/4\nK:C\n|:CDEF GABc:|\n");
        for (var b = 0; b < bars; b++)
            text.Append("CDEF GABc|\n");
        return text.ToString();
    }

    [Fact]
    public void The_reader_stops_when_the_token_is_cancelled_and_reads_every_event_without_it()
    {
        var bytes = SmfWriter.ToBytes(MidiExporter.Export(AbcParser.Parse(LongTune(2_000)).Tunes[0].ToScoreEvents("long.abc")));
        Assert.Throws<OperationCanceledException>(() => SmfReader.Parse(bytes, "long.mid", Cancelled));
        var file = SmfReader.Parse(bytes, "long.mid");
        Assert.Equal((2_000 + 1) * 8 * 2, file.Tracks[1].Events.Count(e => e is NoteOnEvent or NoteOffEvent));
    }

    [Fact]
    public void The_exporter_and_the_writer_stop_when_the_token_is_cancelled_and_write_nothing()
    {
        var score = AbcParser.Parse(LongTune(2_000)).Tunes[0].ToPlayedScoreEvents("long.abc");
        Assert.Throws<OperationCanceledException>(() => MidiExporter.Export(score, cancel: Cancelled));
        var midi = MidiExporter.Export(score);
        Assert.Equal((2_000 + 2) * 8, midi.Tracks[1].Events.OfType<NoteOnEvent>().Count());

        using var temp = new TempDirectory("midi-cancel");
        var path = temp.File("long.mid");
        Assert.Throws<OperationCanceledException>(() => SmfWriter.WriteFile(midi, path, Cancelled));
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path)); // atomic: no file, no temporary left behind
        SmfWriter.WriteFile(midi, path);
        Assert.Equal(SmfWriter.ToBytes(midi), File.ReadAllBytes(path));
    }

    [Fact]
    public void Saving_and_loading_midi_through_score_files_stop_when_the_token_is_cancelled()
    {
        using var temp = new TempDirectory("midi-cancel");
        var path = temp.File("long.mid");
        var abc = LongTune(500);
        Assert.Throws<OperationCanceledException>(() => ScoreFiles.Save(abc, path, cancel: Cancelled));
        Assert.False(File.Exists(path));
        ScoreFiles.Save(abc, path);
        Assert.Throws<OperationCanceledException>(() => ScoreFiles.Load(path, cancel: Cancelled));
        Assert.Contains("K:", ScoreFiles.Load(path), StringComparison.Ordinal);
    }
}
