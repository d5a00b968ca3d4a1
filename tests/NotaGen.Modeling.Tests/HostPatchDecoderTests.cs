using NotaGen.Modeling.Inference;
using NotaGen.Music.NotaGenFormat;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

/// <summary>The managed-code patch step against TorchSharp's full (uncached) patch-level forward.</summary>
public class HostPatchDecoderTests
{
    [Fact]
    public void Host_patch_steps_after_a_loaded_prompt_match_the_full_forward_with_style_embeddings_and_bias()
    {
        TestModels.PinThreads();
        using var scope = NewDisposeScope();
        var config = TestModels.Styled(embeddings: true, adapters: false, attentionBias: true);
        using var model = NotaGenModel.Create(config, seed: 31);
        DecoderTests.Perturb(model, ".style_", 0.05);
        model.eval();
        using var inference = inference_mode();
        var labels = TestModels.Vocabulary.Resolve(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard"));
        using var style = model.StyleFor([labels]);
        const int length = 40, prompt = 5;
        var patches = TestModels.Patches(1, length, seed: 32);
        var full = model.PatchLevel.forward(patches, style: style);                // [1, L, H]

        var host = new HostPatchDecoder(model.PatchLevel, model.Config);
        var state = host.NewState(labels);
        using var cache = model.NewPatchCache();
        var first = model.PatchLevel.forward(patches.narrow(1, 0, prompt), style: style, cache: cache);
        host.Load(state, cache, first[0, -1].contiguous().data<float>().ToArray());
        var ids = patches.data<long>().ToArray();
        var worst = 0f;
        for (var t = prompt; t < length; t++)
        {
            host.Step(state, ids.Skip(t * 16).Take(16).Select(i => (int)i).ToArray());
            var expected = full[0, t].data<float>().ToArray();
            worst = Math.Max(worst, expected.Zip(state.Last, (a, b) => Math.Abs(a - b)).Max());
        }
        Assert.Equal(length, state.Length);
        Assert.True(worst < 1e-5f, $"host and TorchSharp hidden states differ by {worst}");
        // The style matters: the "other" style gives other states.
        var other = host.NewState(null);
        host.Step(other, ids.Take(16).Select(i => (int)i).ToArray());
        Assert.True(full[0, 0].data<float>().ToArray().Zip(other.Last, (a, b) => Math.Abs(a - b)).Max() > 1e-4f);
    }

    [Fact]
    public void Style_adapters_are_refused_with_a_clear_message()
    {
        var config = TestModels.Styled(embeddings: false, adapters: true, attentionBias: false);
        Assert.False(HostPatchDecoder.Supports(config));
        using var model = NotaGenModel.Create(config, seed: 33);
        var error = Assert.Throws<ArgumentException>(() => new HostPatchDecoder(model.PatchLevel, model.Config));
        Assert.Contains("adapters", error.Message, StringComparison.Ordinal);
    }
}
