using NotaGen.Evaluation.Style;
using NotaGen.Tokenization;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Evaluation.Tests;

public sealed class HiddenStateFeaturesTests
{
    private const string Body = "L:1/8\nM:4/4\nK:G\n[V:1]GABc d2B2|\n[V:1]c2A2 G4|\n[V:1]B4 G4|]\n";

    [Fact]
    public void Features_are_the_patch_states_averaged_over_the_patches_and_ignore_prompt_lines_and_counters()
    {
        using var model = TinyModels.Create();
        var features = new HiddenStateFeatures(model);
        var plain = features.Extract(Body);
        Assert.Equal(model.Config.HiddenSize, plain.Length);

        // By hand: the patch decoder's states of the training encoding, then their mean per hidden unit.
        var patches = new BarPatchTokenizer(model.Config.PatchLength).EncodeTraining(Body);
        using (no_grad())
        {
            using var input = tensor(patches.SelectMany(p => p.Select(c => (long)c)).ToArray(), [1, patches.Count, 16]);
            using var hidden = model.PatchLevel.forward(input);
            var states = hidden.to(ScalarType.Float64).data<double>().ToArray();
            var width = model.Config.HiddenSize;
            for (var j = 0; j < width; j++)
            {
                var mean = Enumerable.Range(0, patches.Count).Average(t => states[t * width + j]);
                Assert.Equal(mean, plain[j], 1e-6);
            }
        }

        Assert.Equal(plain, features.Extract("%Baroque\n%Bach, Johann Sebastian\n%Keyboard\n" + Body));
        var counted = Body.Replace("[V:1]GABc", "[r:0/2][V:1]GABc", StringComparison.Ordinal)
            .Replace("[V:1]c2A2", "[r:1/1][V:1]c2A2", StringComparison.Ordinal).Replace("[V:1]B4", "[r:2/0][V:1]B4", StringComparison.Ordinal);
        Assert.Equal(plain, features.Extract(counted));
        Assert.NotEqual(plain, features.Extract(Body.Replace("B4 G4", "E4 C4", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_standard_tune_without_voices_reads_as_the_same_tune_with_a_first_voice()
    {
        using var model = TinyModels.Create();
        var features = new HiddenStateFeatures(model);
        var bare = features.ExtractStandard("X:1\nL:1/8\nM:4/4\nK:G\nGABc d2B2|c2A2 G4|]\n");
        Assert.Equal(bare, features.ExtractStandard("X:1\nL:1/8\nM:4/4\nK:G\nV:1\nGABc d2B2|c2A2 G4|]\n"));
        Assert.NotEqual(bare, features.ExtractStandard("X:1\nL:1/8\nM:4/4\nK:G\nGABc d2B2|c2A2 G2E2|]\n"));
    }

    [Fact]
    public void Only_the_first_max_patches_are_read()
    {
        using var model = TinyModels.Create();
        var longPiece = "L:1/8\nM:4/4\nK:C\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"[V:1]CDEF GAB{(i % 2 == 0 ? "c" : "B")}|\n"));
        var head = new HiddenStateFeatures(model, maxPatches: 6);
        Assert.Equal(6, head.MaxPatches);
        Assert.Equal(model.Config.PatchLength, new HiddenStateFeatures(model, maxPatches: 1000).MaxPatches);

        // The states are causal: the first 6 of the whole (context-long) encoding are the 6 the head read.
        var patches = new BarPatchTokenizer(model.Config.PatchLength).EncodeTraining(longPiece);
        Assert.True(patches.Count > 12);
        using (no_grad())
        {
            using var input = tensor(patches.SelectMany(p => p.Select(c => (long)c)).ToArray(), [1, patches.Count, 16]);
            using var hidden = model.PatchLevel.forward(input);
            var states = hidden.to(ScalarType.Float64).data<double>().ToArray();
            var width = model.Config.HiddenSize;
            var features = head.Extract(longPiece);
            for (var j = 0; j < width; j++)
                Assert.Equal(Enumerable.Range(0, 6).Average(t => states[t * width + j]), features[j], 1e-6);
        }
        Assert.NotEqual(head.Extract(longPiece), new HiddenStateFeatures(model, maxPatches: 12).Extract(longPiece));
    }
}
