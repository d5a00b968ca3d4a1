using System.Collections.Concurrent;
using NotaGen.Music.NotaGenFormat;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.NotaGenFormat;

/// <summary>deinterleave(interleave(x)) on every golden xml2abc file, after NotaGen's cleaning.</summary>
public class GoldenInterleaveRoundTripTests(ITestOutputHelper output)
{
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

    private static string? RoundTripFailure(string cleaned, string path)
    {
        var original = StandardTune.Parse(cleaned, path);
        var interleaved = Interleaver.Interleave(original, file: path);
        var standard = Deinterleaver.Deinterleave(interleaved, path);
        var back = StandardTune.Parse(standard, path);

        if (!back.HeaderLines.SequenceEqual(original.HeaderLines))
            return "header lines differ";
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
