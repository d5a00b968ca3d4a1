using NotaGen.Generation;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Sampling;
using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation.Constraints;

/// <summary>The constraint inside the generation loop, over a tiny random model (which alone writes no valid ABC).</summary>
public class ConstrainedGenerationTests
{
    private static readonly SamplingOptions Flat = new(TopK: 0, TopP: 1, Temperature: 1);

    private static PieceGenerator Generator()
    {
        TestModels.PinThreads();
        return new PieceGenerator(NotaGenModel.Create(TestModels.Micro, seed: 5));
    }

    [Fact]
    public void The_three_decoding_paths_write_the_same_constrained_text()
    {
        var generator = Generator();
        // A fixed header: a random model would fill the micro model's 64-patch context with voice names.
        var request = PieceRequest.ForStyle(new StylePrompt("Romantic", "Schubert, Franz", "Art Song")) with { Prefix = "%%score 1 2\nL:1/8\nM:3/4\nK:G\nV:1 treble\nV:2 bass\n" };
        var options = new GenerationOptions { Seed = 7, Sampling = Flat, Constraint = ConstraintLevel.Structure, MaxPatches = 40 };

        var host = generator.Generate(request, options);
        var torchCached = generator.Generate(request, options with { HostCharLevel = false, HostPatchLevel = false });
        var recomputed = generator.Generate(request, options with { UseCache = false });

        Assert.StartsWith("[r:0/", host.RawText[(host.RawText.IndexOf("V:2 bass\n", StringComparison.Ordinal) + 9)..], StringComparison.Ordinal);
        Assert.Equal(host.RawText, torchCached.RawText);
        Assert.Equal(host.RawText, recomputed.RawText);
        Assert.True(host.Statistics.Sampled > 0);
        Assert.True(host.Statistics.MeanRemovedMass > 0, "a random model's mass outside the format is removed");
        // Every completed body line has both written voices (when present) filling 3/4 exactly: checked by the parser.
        var complete = host.RawText[..(host.RawText.LastIndexOf('\n') + 1)];
        var validity = new GeneratedPiece(complete, StopReason.EndPatch, 0, TimeSpan.Zero, 0).Validity();
        Assert.True(validity.Parses, validity.Problem);
        Assert.Equal(0, validity.MisalignedBars);
    }

    [Fact]
    public void Forced_bars_meter_and_key_come_through_the_constraint_and_every_bar_aligns()
    {
        var generator = Generator();
        var request = PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")) with { Bars = 4, Meter = "3/4", Key = "D", Prefix = "%%score 1\nL:1/8\n" };
        var options = new GenerationOptions { Seed = 3, Sampling = Flat, Constraint = ConstraintLevel.Structure, MaxPatches = 400 };
        var piece = generator.Generate(request, options);

        Assert.True(piece.Stop == StopReason.BarCount, $"{piece.Stop}: {piece.RawText}");
        Assert.Contains("M:3/4\nK:D\nV:1 ", piece.RawText, StringComparison.Ordinal);
        Assert.Equal(new[] { "[r:0/3]", "[r:1/2]", "[r:2/1]", "[r:3/0]" },
            piece.RawText.Split('\n').Where(l => l.StartsWith("[r:", StringComparison.Ordinal)).Select(l => l[..7]));
        var validity = piece.Validity();
        Assert.True(validity.Parses, validity.Problem);
        Assert.Equal(0, validity.MisalignedBars);
        Assert.Equal(piece.RawText, generator.Generate(request, options with { UseCache = false }).RawText);
    }

    [Fact]
    public void Without_a_bar_count_the_piece_ends_with_the_end_patch_after_the_counted_lines()
    {
        var generator = Generator();
        // A short counted piece: the prefix fixes the header and line 0's counter says one more line follows.
        var request = new PieceRequest
        {
            PromptLines = ["Romantic", "Schubert, Franz", "Art Song"],
            Prefix = "%%score 1\nL:1/8\nM:2/4\nK:G\nV:1 treble\n[r:0/1][V:1]G4|\n",
        };
        var piece = generator.Generate(request, new GenerationOptions { Seed = 4, Sampling = Flat, Constraint = ConstraintLevel.Structure, MaxPatches = 200 });

        Assert.Equal(StopReason.EndPatch, piece.Stop);
        Assert.StartsWith("[r:1/0][V:1]", piece.RawText.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_outside_the_format_is_refused_with_its_position()
    {
        var request = new PieceRequest { PromptLines = ["Romantic"], Prefix = "%%score 1\nL:1/4\n" };
        var error = Assert.Throws<ArgumentException>(() => Generator().Generate(request, new GenerationOptions { Constraint = ConstraintLevel.Structure, MaxPatches = 1 }));
        Assert.Contains("3:5", error.Message, StringComparison.Ordinal);
    }
}
