using NotaGen.Generation;
using NotaGen.Generation.Sampling;
using NotaGen.Modeling.Inference;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>The managed-code cached character level against TorchSharp's recomputing one, and the loops that use it.</summary>
public class HostCharDecoderTests
{
    private static readonly SamplingOptions Flat = new(TopK: 0, TopP: 1, Temperature: 1);

    [Fact]
    public void Host_steps_give_the_recomputed_logits_over_a_whole_generated_piece()
    {
        TestModels.PinThreads();
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 21);
        var piece = new PieceGenerator(model).Generate(PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")),
            new GenerationOptions { Seed = 5, MaxPatches = 40, Sampling = Flat });
        var patches = new BarPatchTokenizer(int.MaxValue).EncodeForGeneration(piece.RawText, closeFinishedLine: true)
            .Where(p => !p.IsPartial).ToList();
        Assert.True(patches.Count > 30, $"{patches.Count} patches");

        using var inference = inference_mode();
        var ids = tensor(patches.SelectMany(p => p.Select(id => (long)id)).ToArray(), [1, patches.Count, 16]);
        var states = model.PatchLevel.forward(ids);                                  // [1, L, H], no cache
        var host = new HostCharDecoder(model.CharLevel, model.Config);
        var state = host.NewState(1);
        var logits = new float[host.VocabularySize];
        var worst = 0f;
        for (var t = 0; t + 1 < patches.Count; t++)
        {
            using var step = NewDisposeScope();
            var patchState = states.select(1, t).contiguous();                      // [1, H]
            var target = ids.select(1, t + 1);                                       // [1, 16]
            host.Start(state, patchState.data<float>().ToArray(), logits);
            for (var c = 0; c < 16; c++)
            {
                var recomputed = model.CharLevel.NextLogits(patchState, target.narrow(1, 0, c)).data<float>().ToArray();
                worst = Math.Max(worst, recomputed.Zip(logits, (a, b) => Math.Abs(a - b)).Max());
                if (c < 15) host.Step(state, [patches[t + 1][c]], logits);
            }
        }
        Assert.True(worst < 1e-5f, $"host and recomputed logits differ by {worst}");
    }

    [Fact]
    public void Host_TorchSharp_cached_and_reference_loops_write_the_same_text()
    {
        TestModels.PinThreads();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 22);
        var generator = new PieceGenerator(model);
        var requests = new[]
        {
            PieceRequest.ForStyle(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard")),
            PieceRequest.ForStyle(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Keyboard")) with { Bars = 2 },
        };
        var options = new GenerationOptions { Seed = 8, MaxPatches = 30 };

        var host = generator.GenerateBatch(requests, options);
        var torchSteps = generator.GenerateBatch(requests, options with { HostCharLevel = false });
        var reference = generator.GenerateBatch(requests, options with { UseCache = false });
        var again = generator.GenerateBatch(requests, options);

        Assert.Equal(host.Select(p => p.RawText), torchSteps.Select(p => p.RawText));
        Assert.Equal(host.Select(p => p.RawText), reference.Select(p => p.RawText));
        Assert.Equal(host.Select(p => p.RawText), again.Select(p => p.RawText));
        Assert.All(host, p => Assert.True(p.GeneratedCharacters > 0));
    }
}
