using NotaGen.Music.Midi;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.Midi;

/// <summary>The reader and writer on every real MIDI file of the shared corpus, and against python3-mido.</summary>
public class SmfCorpusTests
{
    private static IReadOnlyList<string> CorpusFiles() =>
        SharedData.Files("corpus/midi", ".mid").Concat(SharedData.Files("corpus/midi", ".midi")).Order(StringComparer.Ordinal).ToList();

    [SkippableFact]
    public void EveryCorpusFileReadsWritesAndReadsBackToTheSameEvents()
    {
        var files = CorpusFiles();
        Assert.NotEmpty(files);
        var failures = new List<string>();
        foreach (var path in files)
        {
            var first = SmfReader.ReadFile(path);
            var second = SmfReader.Parse(SmfWriter.ToBytes(first), path + " (rewritten)");
            if (first.Format != second.Format || first.TicksPerQuarter != second.TicksPerQuarter
                || first.Tracks.Count != second.Tracks.Count)
            {
                failures.Add($"{path}: header differs");
                continue;
            }
            for (var t = 0; t < first.Tracks.Count; t++)
            {
                if (!first.Tracks[t].Events.SequenceEqual(second.Tracks[t].Events) || first.Tracks[t].EndTick != second.Tracks[t].EndTick)
                    failures.Add($"{path}: track {t + 1} differs");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {files.Count} files differ:\n{string.Join('\n', failures.Take(20))}");
    }

    [SkippableFact]
    public void ReaderAgreesWithMidoOnASampleOfTheCorpus()
    {
        // Every 20th file (21 files): mido is slow on large files, and the sample covers both collections.
        var sample = CorpusFiles().Where((_, i) => i % 20 == 0).ToArray();
        var mido = MidoDump.Read(sample);
        for (var f = 0; f < sample.Length; f++)
        {
            var ours = SmfReader.ReadFile(sample[f]);
            Assert.Equal(mido[f].TicksPerBeat, ours.TicksPerQuarter);
            Assert.Equal(mido[f].Tracks.Count, ours.Tracks.Count);
            for (var t = 0; t < ours.Tracks.Count; t++)
            {
                var expected = mido[f].Tracks[t].Notes.Select(n => string.Join(',', n)).ToList();
                var actual = NotesOf(ours.Tracks[t]).Select(n => string.Join(',', n)).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{sample[f]} track {t + 1}: {expected.Count} notes by mido, {actual.Count} by us");
                Assert.Equal(mido[f].Tracks[t].Tempos.Select(x => (x[0], x[1])),
                    ours.Tracks[t].Events.OfType<SetTempoEvent>().Select(x => (x.Tick, (long)x.MicrosecondsPerQuarter)));
            }
        }
    }

    /// <summary>Notes paired the way mido_dump.py pairs them: first in, first out per channel and key.</summary>
    internal static List<long[]> NotesOf(MidiTrack track)
    {
        var sounding = new Dictionary<(int, int), Queue<NoteOnEvent>>();
        var notes = new List<long[]>();
        foreach (var e in track.Events)
        {
            if (e is NoteOnEvent on)
            {
                if (!sounding.TryGetValue((on.Channel, on.Key), out var queue))
                    sounding[(on.Channel, on.Key)] = queue = new Queue<NoteOnEvent>();
                queue.Enqueue(on);
            }
            else if (e is NoteOffEvent off && sounding.TryGetValue((off.Channel, off.Key), out var queue) && queue.Count > 0)
            {
                var start = queue.Dequeue();
                notes.Add([start.Channel, start.Key, start.Tick, off.Tick - start.Tick, start.Velocity]);
            }
        }
        return notes.OrderBy(n => n[0]).ThenBy(n => n[1]).ThenBy(n => n[2]).ThenBy(n => n[3]).ThenBy(n => n[4]).ToList();
    }
}
