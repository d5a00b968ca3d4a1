using NotaGen.Testing;
using Xunit;

namespace NotaGen.Tokenization.Tests;

public class RoundTripTests
{
    /// <summary>The text the encoder reads, as it reads it: non-blank lines, each ending in a newline.</summary>
    private static string Normalise(string document) =>
        string.Concat(document.Split('\n').Where(l => l.Length > 0).Select(l => l + "\n"));

    [SkippableFact]
    public void Decode_of_encode_gives_every_golden_piece_back()
    {
        var files = SharedData.Files("golden/xml2abc", ".abc");
        Assert.True(files.Count > 1000, $"expected the golden corpus, found {files.Count} files");

        // A context large enough that nothing is cropped: the round trip is about the patching itself.
        var tokenizer = new BarPatchTokenizer(contextPatches: 1 << 20);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var patchTotal = 0L;
        Parallel.ForEach(files, file =>
        {
            var document = SimpleTrainingText.FromXml2Abc(File.ReadAllText(file));
            var patches = tokenizer.EncodeTraining(document, source: file);
            Interlocked.Add(ref patchTotal, patches.Count);
            var decoded = BarPatchTokenizer.Decode(patches);
            if (WithoutCounters.Text(decoded) != Normalise(document))
                failures.Add(file);
            if (patches.Any(p => p.Count != PatchVocabulary.PatchSize))
                failures.Add(file + " (short patch)");
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {files.Count} pieces differ, e.g. {failures.FirstOrDefault()}");
        Assert.True(patchTotal > files.Count * 10L);
    }

    [SkippableFact]
    public void Decode_of_encode_gives_a_real_notagen_output_back()
    {
        var path = SharedData.Require("testdata/notagen/fabianmoss__notagen-pieces/Romantic_SchubertFranz_Art_Song/output1.abc");
        var document = File.ReadAllText(path).Replace("X:1\n", "", StringComparison.Ordinal);
        var patches = new BarPatchTokenizer().EncodeTraining(document);

        var decoded = BarPatchTokenizer.Decode(patches);
        Assert.Equal(Normalise(document), WithoutCounters.Text(decoded));
        // One segment per voice-bar: every body patch that starts a segment starts with '[r:' or a barline.
        var bodyLines = decoded.Split('\n').Where(l => l.StartsWith("[r:", StringComparison.Ordinal)).ToList();
        Assert.Equal(document.Split('\n').Count(l => l.StartsWith("[V:", StringComparison.Ordinal)), bodyLines.Count);
        Assert.StartsWith("[r:0/" + (bodyLines.Count - 1) + "]", bodyLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_of_exactly_sixteen_characters_gets_no_end_marker()
    {
        var sixteen = "[V:1]abcdefghijk"; // 16 characters, the whole body line without its newline
        Assert.Equal(16, sixteen.Length);
        var patches = BarPatchTokenizer.PatchText(sixteen, leaveOpen: false).ToList();
        Assert.Single(patches);
        Assert.DoesNotContain(PatchVocabulary.Eos, patches[0]);

        var seventeen = BarPatchTokenizer.PatchText(sixteen + "\n", leaveOpen: false).ToList();
        Assert.Equal(2, seventeen.Count);
        Assert.Equal(new[] { (int)'\n', PatchVocabulary.Eos }, seventeen[1].Take(2));
        Assert.All(seventeen[1].Skip(2), id => Assert.Equal(PatchVocabulary.Pad, id));
    }

    [Fact]
    public void Text_outside_the_vocabulary_is_rejected_with_its_position()
    {
        var error = Assert.Throws<NotaGen.Music.MusicFormatException>(
            () => new BarPatchTokenizer().EncodeTraining("L:1/8\n[V:1]ab é|\n", source: "piece.abc"));
        Assert.Equal("piece.abc", error.File);
        Assert.Equal("2:9", error.Location);
    }
}
