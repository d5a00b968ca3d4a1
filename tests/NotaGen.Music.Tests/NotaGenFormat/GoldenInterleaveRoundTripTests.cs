using System.Collections.Concurrent;
using NotaGen.Music.NotaGenFormat;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.NotaGenFormat;

/// <summary>deinterleave(interleave(x)) on every golden xml2abc file, after NotaGen's cleaning.</summary>
public class GoldenInterleaveRoundTripTests(ITestOutputHelper output)
{
    // The engine's note comparisons parse and interpret every tune twice; every 10th file keeps them within the
    // project's test-time budget (the bar-by-bar text comparison runs on every file).
    private const int EngineSampleEvery = 10;

    [SkippableFact]
    public void Every_cleaned_golden_tune_survives_interleave_then_deinterleave_bar_for_bar()
    {
        var files = GoldenCorpus.CleanedFiles();
        var rejected = files.Where(f => f.Result.IsRejected).ToList();
        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(files.Where(f => !f.Result.IsRejected), file =>
        {
            try
            {
                var failure = RoundTripFailure(file.Result.Text!, file.Path);
                if (failure is not null)
                    failures.Add($"{file.Path}: {failure}");
            }
            catch (MusicFormatException e)
            {
                failures.Add(e.Message);
            }
        });

        output.WriteLine($"{files.Count} golden files; {rejected.Count} rejected by cleaning (unequal bar numbers); " +
                         $"{files.Count - rejected.Count} interleaved; {failures.Count} round-trip failures");
        foreach (var reason in rejected.GroupBy(r => r.Result.Rejection!.Split(':')[0]))
            output.WriteLine($"  rejected: {reason.Key}: {reason.Count()}");
        foreach (var failure in failures.Order().Take(20))
            output.WriteLine("  " + failure);
        Assert.True(files.Count >= 2000, $"expected the whole golden folder, found {files.Count} files");
        Assert.Empty(failures);
    }

    [SkippableFact]
    public void Deinterleaved_golden_tunes_have_the_same_notes_in_every_voice_and_bar()
    {
        var files = GoldenCorpus.CleanedFiles().Where(f => !f.Result.IsRejected).Where((_, i) => i % EngineSampleEvery == 0).ToList();
        var unreadable = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var notes = 0L;
        Parallel.ForEach(files, file =>
        {
            var original = EngineNotes.Of(file.Result.Text!, file.Path);
            if (original is null)
            {
                unreadable.Add(file.Path);
                return;
            }
            var back = EngineNotes.Of(Deinterleaver.Deinterleave(Interleaver.Interleave(file.Result.Text!, file: file.Path), file.Path), file.Path);
            if (back is null || !back.SequenceEqual(original))
                failures.Add($"{file.Path}: {original.Count} notes, {back?.Count.ToString() ?? "unreadable"} after the round trip");
            else
                Interlocked.Add(ref notes, original.Count);
        });

        output.WriteLine($"{files.Count} cleaned golden files (every {EngineSampleEvery}th): {files.Count - unreadable.Count - failures.Count} " +
                         $"with identical notes ({notes} notes: voice, bar, onset, duration, pitch), {unreadable.Count} the engine cannot read, {failures.Count} failures");
        foreach (var failure in failures.Order().Take(20))
            output.WriteLine("  " + failure);
        Assert.Empty(failures);
        // The engine's own tests own its parse failures (about 1% of the golden files); here they only must stay rare.
        Assert.True(unreadable.Count <= files.Count / 25, $"{unreadable.Count} files unreadable by the engine");
    }

    [SkippableFact]
    public void Rest_reduction_then_unreduce_keeps_every_voice_s_notes()
    {
        var files = GoldenCorpus.CleanedFiles().Where(f => !f.Result.IsRejected).Where((_, i) => i % EngineSampleEvery == 5).ToList();
        var unreadable = new ConcurrentBag<string>();
        var noScoreLine = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var sameOnsets = 0;
        Parallel.ForEach(files, file =>
        {
            var original = EngineNotes.Of(file.Result.Text!, file.Path);
            if (original is null)
            {
                unreadable.Add(file.Path);
                return;
            }
            var reduced = Interleaver.Interleave(file.Result.Text!, InterleaveOptions.Training, file.Path);
            string restored;
            try
            {
                restored = Deinterleaver.Deinterleave(RestUnreducer.Unreduce(reduced, file.Path), file.Path);
            }
            catch (MusicFormatException e) when (e.Problem.StartsWith("no %%score line", StringComparison.Ordinal))
            {
                noScoreLine.Add(file.Path);
                return;
            }
            var back = EngineNotes.Of(restored, file.Path);
            if (back is null)
            {
                failures.Add($"{file.Path}: the restored text does not parse");
                return;
            }
            var before = EngineNotes.PitchesAndDurations(original);
            var after = EngineNotes.PitchesAndDurations(back);
            var lost = before.Keys.FirstOrDefault(v => !after.TryGetValue(v, out var notes) || !notes.SequenceEqual(before[v]));
            if (lost is not null)
                failures.Add($"{file.Path}: voice {lost} has {before[lost].Count} notes, {(after.TryGetValue(lost, out var a) ? a.Count : 0)} after reduce+unreduce");
            else if (back.Select(n => (n.Voice, n.Onset)).SequenceEqual(original.Select(n => (n.Voice, n.Onset))))
                Interlocked.Increment(ref sameOnsets);
        });

        output.WriteLine($"{files.Count} cleaned golden files: {files.Count - unreadable.Count - failures.Count} keep every voice's notes " +
                         $"(pitch and duration, in order), {sameOnsets} of them also every onset (bars where all voices rest are dropped, " +
                         $"so later onsets move); {noScoreLine.Count} refused for want of a %%score line with several voices; " +
                         $"{unreadable.Count} unreadable by the engine; {failures.Count} failures");
        foreach (var failure in failures.Order().Take(20))
            output.WriteLine("  " + failure);
        Assert.Empty(failures);
        Assert.True(noScoreLine.Count <= files.Count / 10, $"{noScoreLine.Count} files have several voices and no %%score line");
    }

    private static string? RoundTripFailure(string cleaned, string path)
    {
        var original = StandardTune.Parse(cleaned, path);
        var interleaved = Interleaver.Interleave(original, file: path);
        var standard = Deinterleaver.Deinterleave(interleaved, path);
        var back = StandardTune.Parse(standard, path);

        // Deinterleaving starts the tune with X:1 (NotaGen's cleaning removed it); the rest of the header is kept.
        if (!back.HeaderLines.SequenceEqual(original.HeaderLines.Prepend("X:1")))
            return "header lines differ";
        back = back with { HeaderLines = back.HeaderLines.Skip(1).ToList() };
        if (!back.Voices.Select(v => v.Id).SequenceEqual(original.Voices.Select(v => v.Id)))
            return "voice order differs";
        for (var v = 0; v < original.Voices.Count; v++)
        {
            var before = original.Voices[v].SplitBars();
            var after = back.Voices[v].SplitBars();
            if (before.Prefix != after.Prefix || before.LeftBarline != after.LeftBarline)
                return $"V:{original.Voices[v].Id}: prefix or left barline differs";
            if (before.Bars.Count != after.Bars.Count)
                return $"V:{original.Voices[v].Id}: {before.Bars.Count} bars became {after.Bars.Count}";
            for (var b = 0; b < before.Bars.Count; b++)
                if (before.Bars[b] != after.Bars[b])
                    return $"V:{original.Voices[v].Id} bar {b}: '{before.Bars[b]}' became '{after.Bars[b]}'";
        }
        // Interleaving the deinterleaved text must give the same interleaved text again.
        return Interleaver.Interleave(back, file: path) == interleaved ? null : "re-interleaving differs";
    }
}
