using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.NotaGenFormat;

/// <summary>
/// Deinterleaved ABC is standard ABC 2.1 on its own: abc2midi, given the file exactly as written (no option, no
/// edit), plays the same notes (pitch, onset, length in ticks) as it plays from the golden file it came from
/// (before the X: line was written, it processed none of them: "No tune processed").
/// </summary>
public sealed class DeinterleavedAbcInAbc2MidiTests(ITestOutputHelper output)
{
    private const int SampleStep = 50; // every 50th cleaned golden file: about 55 files

    [SkippableFact]
    public void Abc2midi_plays_deinterleaved_golden_tunes_with_every_note_of_the_original()
    {
        var abc2midi = ExternalTool.Require("abc2midi", "abcmidi");
        ExternalTool.RequirePythonModule("mido", "python3-mido");
        var sample = GoldenCorpus.CleanedFiles().Where(f => !f.Result.IsRejected).Where((_, i) => i % SampleStep == 0).ToList();
        using var temp = new TempDirectory("deinterleaved-abc2midi");

        // Only golden files abc2midi itself can play are compared.
        var files = new List<(string Path, CleaningResult Result)>();
        var paths = new List<string>();
        foreach (var (path, cleaned) in sample)
        {
            var i = files.Count;
            var original = Abc2MidiOnItsOwn(abc2midi, path, temp.Path, $"o{i}");
            if (!File.Exists(original))
                continue;
            files.Add((path, cleaned));
            var deinterleaved = Deinterleaver.Deinterleave(Interleaver.Interleave(cleaned.Text!, file: path), path);
            File.WriteAllText(temp.File($"d{i}.abc"), deinterleaved);
            paths.Add(original);
            paths.Add(Abc2MidiOnItsOwn(abc2midi, temp.File($"d{i}.abc"), temp.Path, $"d{i}"));
        }
        var missing = Enumerable.Range(0, files.Count).Where(i => !File.Exists(paths[2 * i + 1])).ToList();
        Assert.True(missing.Count == 0, $"abc2midi wrote nothing for {missing.Count} deinterleaved files, e.g. {(missing.Count > 0 ? files[missing[0]].Path : "")}");

        var dumps = MidoDump.Read([.. paths]);
        var problems = new List<string>();
        long notes = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var original = Notes(dumps[2 * i]);
            var back = Notes(dumps[2 * i + 1]);
            if (original.SequenceEqual(back))
                notes += original.Count;
            else
                problems.Add($"{files[i].Path}: abc2midi plays {original.Count} notes from the golden file, {back.Count} from its deinterleaved form");
        }
        output.WriteLine($"{sample.Count} golden files sampled, {files.Count} of them played by abc2midi; {files.Count} deinterleaved golden files read by abc2midi on their own: {files.Count - problems.Count} with every note " +
                         $"of the original ({notes} notes: pitch, onset, length)");
        foreach (var problem in problems)
            output.WriteLine("  " + problem);
        Assert.True(files.Count >= 40, $"only {files.Count} files sampled");
        // Measured: 54 of 56. The two others are Corelli movements whose golden text abc2midi itself misreads (it
        // warns of tracks of different lengths, or reads Roman-numeral annotations such as ".i{" as chord names, which
        // NotaGen's cleaning removes); the deinterleaved text of every one of them is read.
        Assert.True(problems.Count <= files.Count / 20, $"{problems.Count} of {files.Count} differ:\n" + string.Join("\n", problems));
    }

    private static string Abc2MidiOnItsOwn(string abc2midi, string abcPath, string directory, string name)
    {
        var midi = Path.Combine(directory, name + ".mid");
        Abc2Midi.Play(abc2midi, abcPath, midi, directory, "-quiet");
        return midi;
    }

    private static List<(long Pitch, long Onset, long Length)> Notes(MidoFile file) =>
        file.Tracks.SelectMany(t => t.Notes).Select(n => (n[1], n[2], n[3])).Order().ToList();
}
