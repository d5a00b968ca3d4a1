using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Midi;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.Midi;

/// <summary>
/// End to end: ABC → the ABC engine's events → <see cref="MidiExporter"/> → SMF, against abc2midi's MIDI for the
/// same ABC, both read with python3-mido. Per file, every note must have an abc2midi note of the same pitch whose
/// onset is within one tick at abc2midi's 480 ticks per quarter (abc2midi starts notes one tick late).
/// </summary>
public sealed class AbcToMidiAgreementTests(ITestOutputHelper output)
{
    private const int SampleStep = 24; // every 24th golden file: about 117 files

    [SkippableFact]
    public void ExportedMidiHasAbc2MidisPitchesAndOnsetsOnASampleOfGoldenFiles()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        var files = SharedData.Files("golden/xml2abc", ".abc").Where((_, i) => i % SampleStep == 0).ToList();
        using var temp = new TempDirectory("abc-midi");

        // Files are prepared in parallel (abc2midi and mido dominate the time); results keep the sample's order.
        var prepared = new (string Name, string? Ours, string? Theirs, string? Skip)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var name = Path.GetRelativePath(SharedData.Require(), files[i]);
            var text = File.ReadAllText(files[i]);
            var document = AbcParser.Parse(text);
            if (document.HasErrors)
            {
                prepared[i] = (name, null, null, $"{name}: the ABC engine reports syntax errors");
                return;
            }
            var score = document.Tunes[0].ToScoreEvents(name);
            if (score.Voices.Count > 15)
            {
                prepared[i] = (name, null, null, $"{name}: {score.Voices.Count} voices exceed MIDI's 15 melodic channels");
                return;
            }
            var ours = temp.File($"ours{i}.mid");
            SmfWriter.WriteFile(MidiExporter.Export(score), ours);
            prepared[i] = (name, ours, Abc2Midi.WriteMidi(abc2midi, Abc2Midi.PlainBarlines(text), temp.Path, $"theirs{i}"), null);
        });
        var skipped = prepared.Where(p => p.Skip is not null).Select(p => p.Skip!).ToList();
        var pairs = prepared.Where(p => p.Skip is null).Select(p => (p.Name, Ours: p.Ours!, Theirs: p.Theirs!)).ToList();
        var paths = pairs.SelectMany(p => new[] { p.Ours, p.Theirs }).ToArray();
        var half = paths.Length / 2 / 2 * 2; // two mido processes, each on whole (ours, theirs) pairs
        var firstHalf = Task.Run(() => MidoDump.Read(paths[..half]));
        var secondHalf = MidoDump.Read(paths[half..]);
        var dumps = firstHalf.Result.Concat(secondHalf).ToList();

        int agreeing = 0, notesOurs = 0, notesMatched = 0;
        var problems = new List<string>();
        for (var p = 0; p < pairs.Count; p++)
        {
            var (ours, theirs) = (dumps[2 * p], dumps[2 * p + 1]);
            // Ours may use a finer resolution than 480 (tuplets); bring both to abc2midi's grid in exact integers.
            // Onsets only, within one of abc2midi's ticks (abc2midi starts every note one tick late).
            long scale = ours.TicksPerBeat;
            var ourNotes = ours.Tracks.SelectMany(t => t.Notes).Select(n => new ComparedNote((int)n[1], n[2] * theirs.TicksPerBeat, 0)).ToList();
            var theirNotes = theirs.Tracks.SelectMany(t => t.Notes).Select(n => new ComparedNote((int)n[1], (n[2] - 1) * scale, 0));
            var match = NoteMatch.Count(ourNotes, theirNotes, onsetTolerance: scale, lengthTolerance: null);
            var matched = match.Matched;
            var first = match.FirstUnmatched is { } note ? $"pitch {note.Pitch} at tick {(double)note.Onset / scale:0.##} (of 480 per quarter)" : null;
            notesOurs += ourNotes.Count;
            notesMatched += matched;
            var theirCount = theirs.Tracks.Sum(t => t.Notes.Count);
            if (matched == ourNotes.Count && theirCount == ourNotes.Count)
                agreeing++;
            else
                problems.Add($"{pairs[p].Name}: {matched} of {ourNotes.Count} notes found among abc2midi's {theirCount}; first unmatched: {first ?? "none"}");
        }

        var rate = (double)agreeing / pairs.Count;
        output.WriteLine($"exported MIDI agrees with abc2midi on {agreeing} of {pairs.Count} sampled files ({rate:P1}); " +
            $"notes matched {notesMatched} of {notesOurs} ({(double)notesMatched / notesOurs:P2})");
        foreach (var line in skipped.Concat(problems))
            output.WriteLine("  " + line);
        Assert.True(pairs.Count >= 100, $"only {pairs.Count} files compared");
        // The engine's own events agree with abc2midi on about 96% of files (AbcEventAgreementTests); export must not lose more.
        Assert.True(rate >= 0.9, $"agreement {rate:P1}:\n" + string.Join("\n", problems.Take(20)));
    }
}
