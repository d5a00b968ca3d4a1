using Xunit;

namespace NotaGen.Tokenization.Tests;

public class ReferenceExampleTests
{
    [SkippableFact]
    public void Training_encoding_reproduces_the_reference_patches_one_by_one()
    {
        var expected = ListingParser.Parse(File.ReadAllText(ReferenceExample.ListingPath));
        var actual = new BarPatchTokenizer().EncodeTraining(ReferenceExample.Document);

        Assert.Equal(26, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i].SequenceEqual(actual[i]), $"patch {i}: expected {ListingParser.Text(expected[i])}, got {actual[i]}");
    }

    [SkippableFact]
    public void Readable_listing_matches_the_reference_file_text()
    {
        var expected = File.ReadAllText(ReferenceExample.ListingPath);
        var listing = PatchListing.Format(new BarPatchTokenizer().EncodeTraining(ReferenceExample.Document));
        Assert.Equal(expected.TrimEnd('\n'), listing.TrimEnd('\n'));
    }

    [Fact]
    public void Decoding_gives_the_document_back_with_its_bar_counters()
    {
        var patches = new BarPatchTokenizer().EncodeTraining(ReferenceExample.Document);
        var decoded = BarPatchTokenizer.Decode(patches);

        Assert.Contains("[r:0/2][V:1]\"^Allegro\"", decoded, StringComparison.Ordinal);
        Assert.Contains("\n[r:1/1][V:2]c6|", decoded, StringComparison.Ordinal);
        Assert.Contains("\n[r:2/0][V:1]G6|]", decoded, StringComparison.Ordinal);
        Assert.Equal(ReferenceExample.Document, WithoutCounters.Text(decoded));
    }

    [Fact]
    public void Generate_mode_leaves_the_unfinished_last_patch_unpadded()
    {
        // The reference's verified case: a partial third bar ends in the open patch '|][V:2]G,' (9 ids).
        var full = BarPatchTokenizer.Decode(new BarPatchTokenizer().EncodeTraining(ReferenceExample.Document));
        var partial = full[..(full.IndexOf("[V:2]B6", StringComparison.Ordinal) + "[V:2]".Length)] + "G,";

        var patches = new BarPatchTokenizer().EncodeForGeneration(partial);

        var last = patches[^1];
        Assert.Equal("|][V:2]G,", ListingParser.Text(last));
        Assert.True(last.IsPartial);
        Assert.Equal(9, last.Count);
        Assert.Equal(Patch.Begin, patches[0]);
        Assert.DoesNotContain(patches, p => p.IsEndPatch);
        // Everything before the open patch is identical to the training encoding of the same text.
        var training = new BarPatchTokenizer().EncodeTraining(ReferenceExample.Document);
        for (var i = 0; i < patches.Count - 1; i++)
            Assert.Equal(training[i], patches[i]);
        Assert.Equal(partial, BarPatchTokenizer.Decode(patches));
    }
}
