using System.Diagnostics;
using NotaGen.Music.Midi;
using NotaGen.Music.Midi.Import;
using NotaGen.Music.MusicXml;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests;

/// <summary>
/// Seeded byte mutations of real corpus files through whole conversions (the readers' own fuzz tests stop at the
/// parse): compressed MusicXML (.mxl, zip structure and central directory included) to ABC, and MIDI through the
/// full import to ABC. Every case must end in ABC or a <see cref="MusicFormatException"/> naming the file; no other
/// exception; and no case may take more than 50 times the unmutated file's conversion (at least 2 s) or allocate
/// more than 1 GB.
/// </summary>
public sealed class ConversionFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;
    private const long MaxAllocatedBytes = 1L << 30;

    [SkippableFact]
    public void Mutated_mxl_files_convert_or_are_refused_cleanly_within_bounds() =>
        Run("mxl", SharedData.Files("corpus/musicxml", ".mxl"), files: 12, mutations: 25,
            (path, bytes) => MusicXmlToAbc.Convert(MusicXmlLoader.Load(path), path));

    [SkippableFact]
    public void Mutated_midi_files_import_or_are_refused_cleanly_within_bounds() =>
        Run("mid", SharedData.Files("corpus/midi", ".mid"), files: 12, mutations: 25,
            (path, bytes) => MidiToAbc.Convert(SmfReader.Parse(bytes, path), path));

    private void Run(string extension, IReadOnlyList<string> corpus, int files, int mutations, Action<string, byte[]> convert)
    {
        var random = new Random(Seed);
        var sample = corpus.Where(f => new FileInfo(f).Length < 200_000).OrderBy(_ => random.Next()).Take(files).ToList();
        using var temp = new TempDirectory("fuzz");
        var times = new List<(double Seconds, string Case)>();
        int converted = 0, refused = 0;
        var crashes = new List<string>();
        var greedy = new List<string>();
        var slow = new List<string>();
        foreach (var path in sample)
        {
            var original = File.ReadAllBytes(path);
            // The bound for this file's cases: 50 times its own unmutated conversion, measured here, at least 2 s.
            var baseline = Stopwatch.StartNew();
            try
            {
                convert(path, original);
            }
            catch (MusicFormatException)
            {
            }
            var bound = Math.Max(50 * baseline.Elapsed.TotalSeconds, 2.0);
            for (var m = 0; m < mutations; m++)
            {
                var mutated = ByteMutations.Mutate(original, random, Mutations, out var how);
                var file = temp.File($"case.{extension}");
                File.WriteAllBytes(file, mutated);
                var label = $"{Path.GetFileName(path)} after {how}";
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                try
                {
                    convert(file, mutated);
                    converted++;
                }
                catch (MusicFormatException error)
                {
                    Assert.Contains(file, error.Message, StringComparison.Ordinal);
                    refused++;
                }
                catch (Exception error)
                {
                    crashes.Add($"{label}: {error.GetType().Name}: {error.Message}");
                }
                times.Add((clock.Elapsed.TotalSeconds, label));
                if (clock.Elapsed.TotalSeconds > bound)
                    slow.Add($"{label}: {clock.Elapsed.TotalSeconds:0.00} s, bound {bound:0.00} s");
                var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                if (bytes > MaxAllocatedBytes)
                    greedy.Add($"{label}: allocated {bytes / (1 << 20)} MB");
            }
        }
        var median = times.Select(t => t.Seconds).Order().ElementAt(times.Count / 2);
        output.WriteLine($"{extension}: {times.Count} cases from {sample.Count} files: {converted} converted, {refused} clean errors, " +
                         $"{crashes.Count} crashes, {slow.Count} over time (bound per file: 50 × its unmutated conversion, at least 2 s; " +
                         $"median case {median * 1000:0.0} ms, slowest {times.Max(t => t.Seconds):0.00} s), {greedy.Count} over {MaxAllocatedBytes >> 20} MB allocated");
        Assert.True(crashes.Count == 0, string.Join('\n', crashes.Take(20)));
        Assert.True(slow.Count == 0, string.Join('\n', slow));
        Assert.True(greedy.Count == 0, string.Join('\n', greedy));
        Assert.True(converted > 0 && refused > 0, $"converted {converted}, refused {refused}: the mutations do not exercise both outcomes");
    }

    /// <summary>The damage done: truncation, bit flips, junk, deletions, or random bytes in the last kilobyte (a zip's central directory).</summary>
    private static readonly ByteMutations.Mutation[] Mutations =
    [
        ByteMutations.Truncate, ByteMutations.FlipBit, ByteMutations.InsertJunk, ByteMutations.DeleteByte,
        ByteMutations.FlipNearEnd, ByteMutations.WriteFF,
    ];
}
