using System.Collections.Concurrent;
using NotaGen.Music.Transposition;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.Transposition;

/// <summary>
/// Up then down on every golden xml2abc file, one target key per file, taking the 15 keys in turn (each key is used on
/// about 190 files; one, not more, because parsing the whole folder twice is already most of this project's test time).
/// </summary>
public class GoldenTranspositionRoundTripTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Every_golden_file_comes_back_exactly_after_transposing_up_and_down()
    {
        var files = SharedData.Files("golden/xml2abc", ".abc");
        var notParsed = new ConcurrentBag<string>();
        var keyNone = new ConcurrentBag<string>();
        var respelled = new ConcurrentBag<string>();
        var enharmonicKeyChanges = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var transpositions = 0;
        Parallel.For(0, files.Count, i =>
        {
            var text = File.ReadAllText(files[i]);
            foreach (var key in new[] { NotaGenKeys.All[i % 15] })
            {
                TransposedText up, down;
                try
                {
                    up = AbcTransposer.ToKey(text, key, files[i]);
                    down = AbcTransposer.ByInterval(up.Text, up.Interval.Inverse, files[i]);
                }
                catch (MusicFormatException e)
                {
                    notParsed.Add(e.Message);
                    return;
                }
                Interlocked.Increment(ref transpositions);
                if (down.Text == text)
                    continue;
                if (text.Contains("\nK:none", StringComparison.Ordinal))
                    keyNone.Add(files[i]); // NotaGen reads K:none as C, so it comes back as K:C
                else if (KeyChangeCameBackEnharmonic(text, down.Text))
                    enharmonicKeyChanges.Add($"{files[i]} to {key}: {FirstDifference(text, down.Text)}");
                else if (up.Respelled + down.Respelled > 0)
                    respelled.Add($"{files[i]} to {key}: {up.Respelled} + {down.Respelled} notes or chord roots respelled");
                else
                    failures.Add($"{files[i]} to {key}: {FirstDifference(text, down.Text)}");
                return;
            }
        });

        output.WriteLine($"{files.Count} golden files, {transpositions} up+down transpositions; not parsed: {notParsed.Count}; " +
                         $"K:none files (come back as K:C): {keyNone.Distinct().Count()}; key changes back in the other spelling (F#/Gb, C#/Db, B/Cb): " +
                         $"{enharmonicKeyChanges.Count}; with respelled notes: {respelled.Count}; other failures: {failures.Count}");
        foreach (var line in notParsed.Order().Take(10).Concat(enharmonicKeyChanges.Order().Take(10))
                     .Concat(respelled.Order().Take(10)).Concat(failures.Order().Take(20)))
            output.WriteLine("  " + line);
        Assert.True(files.Count >= 2000, $"expected the whole golden folder, found {files.Count} files");
        Assert.Empty(failures);
        Assert.True(enharmonicKeyChanges.Count <= files.Count / 50, $"{enharmonicKeyChanges.Count} transpositions changed a key change's spelling");
        Assert.True(notParsed.Count <= files.Count / 100, $"{notParsed.Count} files did not parse");
    }

    // The only other allowed difference: an inline key change written with 6 or 7 accidentals came back in its
    // enharmonic spelling (and its notes with it).
    private static bool KeyChangeCameBackEnharmonic(string original, string back)
    {
        var at = 0;
        while (at < original.Length && at < back.Length && original[at] == back[at])
            at++;
        var start = original.LastIndexOf("[K:", at, StringComparison.Ordinal);
        return start >= 0 && at - start <= 5 && original[start..at].IndexOf(']', StringComparison.Ordinal) < 0;
    }

    private static string FirstDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
            at++;
        var from = Math.Max(0, at - 30);
        return $"at {at}: '{expected[from..Math.Min(expected.Length, at + 30)]}' became '{actual[from..Math.Min(actual.Length, at + 30)]}'";
    }
}
