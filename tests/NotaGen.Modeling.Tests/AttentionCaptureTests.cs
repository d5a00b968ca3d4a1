using NotaGen.Modeling.Attention;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class AttentionCaptureTests
{
    [Fact]
    public void Captures_causal_weights_of_every_layer_and_head_at_both_levels()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 1);
        using var capture = model.CaptureAttention(TestModels.Patches(1, 6, seed: 2));
        Assert.Equal(2, capture.LayerCount(AttentionLevel.Patch));
        Assert.Equal(1, capture.LayerCount(AttentionLevel.Char));
        var patch = capture[AttentionLevel.Patch, 1];
        Assert.Equal(new long[] { 1, 2, 6, 6 }, patch.shape);
        var chars = capture[AttentionLevel.Char, 0];
        Assert.Equal(new long[] { 5, 2, 16, 16 }, chars.shape);
        foreach (var map in new[] { patch, chars })
        {
            Assert.True((map.sum(-1) - 1).abs().max().item<float>() < 1e-5f, "rows sum to 1");
            var future = ones(map.shape[2], map.shape[3]).triu(1).to(ScalarType.Bool);
            Assert.True(map.masked_select(future.expand_as(map)).abs().max().item<float>() < 1e-6f, "no weight on the future");
            Assert.True(map[.., .., -1, 0].abs().max().item<float>() > 0, "the last row sees the first position");
        }
    }

    [Fact]
    public void Captured_weights_reproduce_the_forward_pass()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 3);
        model.eval();
        var patches = TestModels.Patches(1, 5, seed: 4);
        using var noGrad = no_grad();
        var plain = model.Predict(patches).Logits;
        using var capture = new AttentionCapture();
        var captured = model.Predict(patches, capture: capture).Logits;
        Assert.True(TestModels.MaxDifference(plain, captured) < 1e-5f);
    }
}
