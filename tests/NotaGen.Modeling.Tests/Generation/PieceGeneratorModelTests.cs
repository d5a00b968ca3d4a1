using NotaGen.Generation;
using NotaGen.Generation.Sampling;
using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>The loop over a tiny randomly initialised model: mechanics, not music.</summary>
public class PieceGeneratorModelTests
{
    private const string Opening =
        "%%score 1 { 2 | 3 }\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 treble\nV:3 bass\n" +
        "[V:1]d2 B G A2|[V:2][GB]2 d4|[V:3]G,,6|\n[V:2]c6|[V:3]F,6|\n[V:1]G6|][V:2]B6|][V:3]G,,6|]\n";

    private static readonly PieceRequest Continuation = new() { PromptLines = ["Romantic", "Schubert, Franz", "Art Song"], Continue = Opening, MoreBars = 500 };

    // Flat sampling so a random model writes newlines now and then.
    private static readonly SamplingOptions Flat = new(TopK: 0, TopP: 1, Temperature: 1);

    private static PieceGenerator Generator()
    {
        TestModels.PinThreads();
        return new PieceGenerator(NotaGenModel.Create(TestModels.Micro, seed: 5));
    }

    [Fact]
    public void The_same_seed_gives_the_same_piece_and_another_seed_another()
    {
        var generator = Generator();
        var options = new GenerationOptions { Seed = 3, MaxPatches = 24 };
        var request = PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard"));

        var first = generator.Generate(request, options);
        var second = generator.Generate(request, options);
        var other = generator.Generate(request, options with { Seed = 4 });

        Assert.Equal(StopReason.PatchLimit, first.Stop);
        Assert.Equal(first.RawText, second.RawText);
        Assert.NotEqual(first.RawText, other.RawText);
        Assert.StartsWith("%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n", first.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void Cached_and_recomputing_loops_write_the_same_text_through_stream_rebuilds()
    {
        var generator = Generator();
        var options = new GenerationOptions { Seed = 11, MaxPatches = 150, Sampling = Flat };

        var cached = generator.Generate(Continuation, options with { UseCache = true });
        var recomputed = generator.Generate(Continuation, options with { UseCache = false });

        Assert.Equal(cached.Stop, recomputed.Stop);
        Assert.True(cached.StreamRebuilds > 0, "the piece should outgrow the 64-patch context");
        Assert.True(cached.Patches > 64, $"{cached.Patches} patches, stopped by {cached.Stop}");
        Assert.Equal(cached.StreamRebuilds, recomputed.StreamRebuilds);
        Assert.Equal(cached.RawText, recomputed.RawText);
        Assert.StartsWith("%Romantic\n", cached.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_continuation_stops_after_the_requested_bars_with_forced_counters()
    {
        var generator = Generator();
        var piece = generator.Generate(Continuation with { MoreBars = 2 }, new GenerationOptions { Seed = 2, Sampling = Flat, MaxPatches = 400 });

        Assert.Equal(StopReason.BarCount, piece.Stop);
        var counters = piece.RawText.Split('\n').Where(l => l.StartsWith("[r:", StringComparison.Ordinal)).Select(l => l[..l.IndexOf(']')]).ToList();
        Assert.Equal(new[] { "[r:0/4", "[r:1/3", "[r:2/2", "[r:3/1", "[r:4/0" }, counters);
        Assert.EndsWith("\n", piece.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_character_limit_stops_a_piece()
    {
        var piece = Generator().Generate(Continuation, new GenerationOptions { Seed = 1, MaxCharacters = 600 });
        Assert.Equal(StopReason.CharacterLimit, piece.Stop);
        Assert.InRange(piece.RawText.Length, 601, 600 + 16);
        Assert.False(piece.Finished);
    }

    [Fact]
    public void A_batch_writes_several_pieces_with_their_own_prompts()
    {
        var generator = Generator();
        var requests = new[]
        {
            PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")),
            PieceRequest.ForStyle(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard")) with { Key = "Db" },
            Continuation with { MoreBars = 3 },
        };
        var options = new GenerationOptions { Seed = 9, MaxPatches = 20 };

        var pieces = generator.GenerateBatch(requests, options);
        var again = generator.GenerateBatch(requests, options);

        Assert.Equal(3, pieces.Count);
        Assert.Equal(pieces.Select(p => p.RawText), again.Select(p => p.RawText));
        Assert.StartsWith("%Baroque\n", pieces[0].RawText, StringComparison.Ordinal);
        Assert.StartsWith("%Romantic\n%Chopin, Frederic\n", pieces[1].RawText, StringComparison.Ordinal);
        Assert.Contains("[r:0/5][V:1]d2 B G A2|", pieces[2].RawText, StringComparison.Ordinal);
        Assert.All(pieces, p => Assert.True(p.Patches <= 20));

        // The padded batch with one cache gives what each piece's own recomputed context gives.
        var recomputed = generator.GenerateBatch(requests, options with { UseCache = false });
        Assert.Equal(pieces.Select(p => p.RawText), recomputed.Select(p => p.RawText));
    }
}
