using System.Collections.Concurrent;
using System.Globalization;
using NotaGen.Music.Transposition;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.Transposition;

/// <summary>
/// The sounding pitches of transposed text, heard by the ABC engine and, independently, by abc2midi: abc2midi plays the original and the transposed golden file, python3-mido
/// reads both MIDI files, and every note must sound at the same time exactly the interval higher or lower.
/// </summary>
public class SoundingPitchTests(ITestOutputHelper output)
{
    private const string ReadNotes = """
        import sys, mido
        for path in sys.argv[1:]:
            midi = mido.MidiFile(path)
            notes = []
            for number, track in enumerate(midi.tracks):
                tick = 0
                for message in track:
                    tick += message.time
                    if message.type == 'note_on' and message.velocity > 0:
                        notes.append((tick, number, message.channel, message.note))
            notes.sort()
            print(path + ' ' + ' '.join('%d:%d:%d:%d' % n for n in notes))
        """;

    [SkippableFact]
    public void Every_note_of_a_golden_sample_sounds_exactly_the_interval_away()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var python = ExternalTool.RequirePythonModule("mido", "python3-mido");
        var all = SharedData.Files("golden/xml2abc", ".abc");
        var sample = all.Where((_, i) => i % 56 == 0).ToList(); // 50 files spread over every corpus
        using var temp = new TempDirectory("notagen-transpose");
        File.WriteAllText(temp.File("notes.py"), ReadNotes);

        var checkedNotes = 0L;
        var compared = 0;
        var skipped = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, sample.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var key = NotaGenKeys.All[i % 15];
            TransposedText transposed;
            try
            {
                transposed = AbcTransposer.ToKey(File.ReadAllText(sample[i]), key, sample[i]);
            }
            catch (MusicFormatException e)
            {
                skipped.Add($"{sample[i]}: {e.Message}");
                return;
            }
            File.Copy(sample[i], temp.File($"{i}a.abc"));
            File.WriteAllText(temp.File($"{i}b.abc"), transposed.Text);
            foreach (var name in new[] { $"{i}a", $"{i}b" })
                Abc2Midi.Play(abc2midi, name + ".abc", name + ".mid", temp.Path);
            if (!File.Exists(temp.File($"{i}a.mid")) || !File.Exists(temp.File($"{i}b.mid")))
            {
                skipped.Add($"{sample[i]}: abc2midi wrote no MIDI");
                return;
            }
            var read = ExternalTool.Run(python, [temp.File("notes.py"), $"{i}a.mid", $"{i}b.mid"], temp.Path, TimeSpan.FromSeconds(60));
            var lines = read.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 2, $"mido could not read the MIDI of {sample[i]}: {read.StandardError}");
            var before = Notes(lines[0]);
            var after = Notes(lines[1]);
            var shift = transposed.Interval.Semitones;
            var moved = before.Select(n => n with { Pitch = n.Pitch + shift }).ToList();
            if (!moved.SequenceEqual(after))
            {
                var at = Enumerable.Range(0, Math.Min(moved.Count, after.Count)).FirstOrDefault(k => moved[k] != after[k]);
                failures.Add($"{sample[i]} to {key} ({shift:+#;-#;0}): {before.Count} vs {after.Count} notes; first difference at note {at}");
                return;
            }
            Interlocked.Add(ref checkedNotes, before.Count);
            Interlocked.Increment(ref compared);
        });

        output.WriteLine($"{sample.Count} sampled golden files: {compared} compared ({checkedNotes} notes), {skipped.Count} skipped, {failures.Count} failures");
        foreach (var line in skipped.Order().Concat(failures.Order()))
            output.WriteLine("  " + line);
        Assert.Empty(failures);
        Assert.True(compared >= sample.Count * 9 / 10, $"only {compared} of {sample.Count} files could be compared");
    }

    [SkippableFact]
    public void The_engine_hears_every_note_of_a_golden_sample_moved_by_exactly_the_interval()
    {
        var all = SharedData.Files("golden/xml2abc", ".abc");
        var sample = all.Where((_, i) => i % 10 == 3).ToList();
        var compared = 0;
        var notes = 0L;
        var unreadable = new ConcurrentBag<string>();
        var emptyKeyFields = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, sample.Count, i =>
        {
            var text = File.ReadAllText(sample[i]);
            var original = NotaGenFormat.EngineNotes.Of(text, sample[i]);
            if (original is null)
            {
                unreadable.Add(sample[i]);
                return;
            }
            var key = NotaGenKeys.All[i % 15];
            var transposed = AbcTransposer.ToKey(text, key, sample[i]);
            var moved = NotaGenFormat.EngineNotes.Of(transposed.Text, sample[i]);
            var expected = original.Select(n => n with { Pitch = n.Pitch + transposed.Interval.Semitones }).ToList();
            if (moved is null || !moved.SequenceEqual(expected))
            {
                // An empty [K:] keeps the key for abc2midi and for the transposer, but the engine reads it as C major,
                // so notes after it are heard differently before and after transposing: the engine's question, not ours.
                (text.Contains("[K:]", StringComparison.Ordinal) ? emptyKeyFields : failures).Add($"{sample[i]} to {key}: {original.Count} notes, {moved?.Count.ToString(CultureInfo.InvariantCulture) ?? "unreadable"} after, " +
                             $"{(moved is null ? 0 : moved.Zip(expected).Count(p => p.First != p.Second))} differ");
                return;
            }
            Interlocked.Increment(ref compared);
            Interlocked.Add(ref notes, original.Count);
        });

        output.WriteLine($"{sample.Count} golden files (every 10th): {compared} with every note moved by the interval ({notes} notes: " +
                         $"voice, bar, onset, duration same, pitch + interval), {unreadable.Count} unreadable by the engine, " +
                         $"{emptyKeyFields.Count} differing after an empty [K:] (engine: C major; abc2midi: key kept), {failures.Count} failures");
        foreach (var line in emptyKeyFields.Order().Concat(failures.Order()).Take(20))
            output.WriteLine("  " + line);
        Assert.Empty(failures);
    }

    private sealed record Note(int Tick, int Track, int Channel, int Pitch);

    private static List<Note> Notes(string line) => line.Split(' ').Skip(1).Select(item =>
    {
        var parts = item.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new Note(parts[0], parts[1], parts[2], parts[3]);
    }).ToList();
}
