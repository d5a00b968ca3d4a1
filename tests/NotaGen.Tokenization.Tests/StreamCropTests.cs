using Xunit;

namespace NotaGen.Tokenization.Tests;

public class StreamCropTests
{
    /// <summary>A piece of 40 body lines, each two voice-bars long, so several lines fit a small context.</summary>
    private static string LongPiece()
    {
        var text = "%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n%%score { 1 | 2 }\nL:1/8\nM:4/4\nK:C\nV:1 treble\nV:2 bass\n";
        for (var bar = 0; bar < 40; bar++)
            text += $"[V:1]c{bar % 7}d e f g|[V:2]C,{bar % 5} G, C G,|\n";
        return text;
    }

    private const int Context = 48;

    [Fact]
    public void Every_crop_keeps_the_whole_header_and_fits_the_context()
    {
        var tokenizer = new BarPatchTokenizer(Context);
        var uncropped = new BarPatchTokenizer(1 << 20).EncodeTrainingDetailed(LongPiece());
        var header = uncropped.Patches.Take(uncropped.HeaderPatchCount).ToList();
        Assert.True(uncropped.Patches.Count > 3 * Context);

        var seen = new HashSet<StreamCrop>();
        for (var seed = 0; seed < 40; seed++)
        {
            var encoding = tokenizer.EncodeTrainingDetailed(LongPiece(), new Random(seed));
            seen.Add(encoding.Crop);
            Assert.True(encoding.Patches.Count <= Context);
            Assert.Equal(header, encoding.Patches.Take(header.Count));

            // The body starts at a line start whose counter keeps its original value.
            var body = BarPatchTokenizer.Decode(encoding.Patches.Skip(header.Count));
            Assert.StartsWith($"[r:{encoding.FirstBodyLine}/{39 - encoding.FirstBodyLine}]", body, StringComparison.Ordinal);
        }
        Assert.Equal(new[] { StreamCrop.Head, StreamCrop.Tail, StreamCrop.Middle }, seen.Order());
    }

    [Fact]
    public void The_tail_crop_ends_with_the_last_line_and_the_end_patch()
    {
        var tokenizer = new BarPatchTokenizer(Context);
        var tail = Enumerable.Range(0, 40).Select(seed => tokenizer.EncodeTrainingDetailed(LongPiece(), new Random(seed)))
            .First(e => e.Crop == StreamCrop.Tail);

        Assert.True(tail.Patches[^1].IsEndPatch);
        Assert.EndsWith("[r:39/0][V:1]c4d e f g|[V:2]C,4 G, C G,|\n", BarPatchTokenizer.Decode(tail.Patches), StringComparison.Ordinal);
        // Earliest line start from which the rest fits: one line earlier would overflow.
        var oneMore = new BarPatchTokenizer(1 << 20).EncodeTrainingDetailed(LongPiece());
        var linePatches = (oneMore.Patches.Count - oneMore.HeaderPatchCount - 1) / 40;
        Assert.True(tail.Patches.Count + linePatches > Context);
    }

    [Fact]
    public void The_same_seed_gives_the_same_crop()
    {
        var tokenizer = new BarPatchTokenizer(Context);
        for (var seed = 0; seed < 10; seed++)
        {
            var a = tokenizer.EncodeTrainingDetailed(LongPiece(), new Random(seed));
            var b = tokenizer.EncodeTrainingDetailed(LongPiece(), new Random(seed));
            Assert.Equal(a.Crop, b.Crop);
            Assert.Equal(a.Patches, b.Patches);
        }
    }

    [Fact]
    public void Without_a_random_source_a_long_piece_is_head_cropped_and_a_short_one_is_untouched()
    {
        var head = new BarPatchTokenizer(Context).EncodeTrainingDetailed(LongPiece());
        Assert.Equal(StreamCrop.Head, head.Crop);
        Assert.Equal(Context, head.Patches.Count);

        var whole = new BarPatchTokenizer().EncodeTrainingDetailed(LongPiece(), new Random(1));
        Assert.Equal(StreamCrop.None, whole.Crop);
        Assert.True(whole.Patches[^1].IsEndPatch);
    }
}
