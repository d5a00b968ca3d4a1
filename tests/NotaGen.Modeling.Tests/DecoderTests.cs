using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Modules;
using NotaGen.Music.NotaGenFormat;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class DecoderTests
{
    public DecoderTests() => TestModels.PinThreads();

    [Fact]
    public void Patch_embedding_equals_NotaGens_one_hot_linear()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 3);
        var patches = TestModels.Patches(2, 5, seed: 1);
        var weight = model.named_parameters().Single(p => p.name == "patch_level_decoder.patch_embedding.weight").parameter;
        var bias = model.named_parameters().Single(p => p.name == "patch_level_decoder.patch_embedding.bias").parameter;
        // NotaGen: one_hot(patches, 128) → reshape [B, T, 2048] → Linear.
        var oneHot = nn.functional.one_hot(patches, 128).to(ScalarType.Float32).reshape(2, 5, 16 * 128);
        var expected = nn.functional.linear(oneHot, weight, bias);
        var actual = new PatchEmbedding(16, 128, 32, new ParameterInit(CPU, null));
        actual.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = weight, ["bias"] = bias });
        Assert.True(TestModels.MaxDifference(expected, actual.forward(patches)) < 1e-5f);
    }

    [Fact]
    public void Fresh_model_predicts_about_uniformly_and_counts_every_non_pad_character()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 1);
        var patches = TestModels.Patches(2, 8, seed: 2);
        var predictions = model.Predict(patches);
        // Pairs: 7 per piece (patch 0 is never a target); labels: the targets' non-PAD characters, EOS included.
        Assert.Equal(new long[] { 14, 16, 128 }, predictions.Logits.shape);
        var nonPad = patches.narrow(1, 1, 7).ne(0).sum().item<long>();
        Assert.Equal(nonPad, predictions.Labels.ne(CharPredictions.IgnoredLabel).sum().item<long>());
        Assert.True(patches.narrow(1, 1, 7).eq(2).sum().item<long>() > 0, "the fixture has EOS characters");
        var loss = predictions.Loss().item<float>();
        Assert.InRange(loss, MathF.Log(128) - 0.5f, MathF.Log(128) + 0.5f);
    }

    [Fact]
    public void Batch_padding_does_not_change_a_pieces_predictions()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 4);
        model.eval();
        var longPiece = TestModels.Patches(1, 10, seed: 5);
        var shortPiece = TestModels.Patches(1, 6, seed: 6);
        var batch = cat([longPiece, cat([shortPiece, zeros(1, 4, 16, ScalarType.Int64)], 1)], 0);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0 }, [2, 10]);
        var together = model.Predict(batch, mask);
        var alone = model.Predict(shortPiece);
        Assert.Equal(9 + 5, together.Logits.shape[0]);
        Assert.True(TestModels.MaxDifference(together.Logits.narrow(0, 9, 5), alone.Logits) < 1e-5f);
        var sums = together.SequenceLogProbabilities(2);
        Assert.True(Math.Abs(sums[1].item<float>() - alone.SequenceLogProbabilities(1)[0].item<float>()) < 1e-3);
        // The loss is the mean over the counted characters of the summed log-probabilities.
        var counted = together.Labels.ne(CharPredictions.IgnoredLabel).sum().item<long>();
        Assert.True(Math.Abs(together.Loss().item<float>() + sums.sum().item<float>() / counted) < 1e-4);
    }

    [Fact]
    public void Cached_decoding_matches_recomputation_over_many_patches()
    {
        using var scope = NewDisposeScope();
        var config = TestModels.Styled(embeddings: true, adapters: true, attentionBias: true);
        using var model = NotaGenModel.Create(config, seed: 7);
        Perturb(model, ".style_", 0.05);
        Perturb(model, "lora_b", 0.05);
        model.eval();
        using var noGrad = no_grad();
        using var style = model.StyleFor([TestModels.Vocabulary.Resolve(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard"))]);
        const int length = 48;
        var patches = TestModels.Patches(1, length, seed: 8);
        var full = model.PatchLevel.forward(patches, style: style);                  // [1, L, H]

        using var cache = model.NewPatchCache();
        var first = model.PatchLevel.forward(patches.narrow(1, 0, 3), style: style, cache: cache); // prefill 3 patches
        var worst = TestModels.MaxDifference(first, full.narrow(1, 0, 3));
        for (var t = 3; t < length; t++)
        {
            using var step = NewDisposeScope();
            var hidden = model.PatchLevel.forward(patches.narrow(1, t, 1), style: style, cache: cache);
            worst = Math.Max(worst, TestModels.MaxDifference(hidden, full.narrow(1, t, 1)));
        }
        Assert.Equal(length, cache.Length);
        Assert.True(worst < 1e-5f, $"patch level differs by {worst}");

        // Character level: recomputing each prefix versus the per-character cache, for every patch.
        var charWorst = 0f;
        for (var t = 0; t < length - 1; t++)
        {
            using var step = NewDisposeScope();
            var state = full.select(1, t);                                           // [1, H]
            var target = patches.select(1, t + 1);                                   // [1, 16]
            using var charCache = model.NewCharCache();
            var cached = model.CharLevel.Start(state, charCache);
            for (var c = 0; c < 16; c++)
            {
                var recomputed = model.CharLevel.NextLogits(state, target.narrow(1, 0, c));
                charWorst = Math.Max(charWorst, TestModels.MaxDifference(cached, recomputed));
                if (c < 15) cached = model.CharLevel.Step(target.select(1, c), charCache);
            }
        }
        Assert.True(charWorst < 1e-5f, $"character level differs by {charWorst}");
    }

    [Fact]
    public void Teacher_forced_logits_equal_step_by_step_logits()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 9);
        model.eval();
        using var noGrad = no_grad();
        var patches = TestModels.Patches(1, 6, seed: 10);
        var predictions = model.Predict(patches);                                    // [5, 16, V]
        var hidden = model.PatchLevel.forward(patches);
        var worst = 0f;
        for (var t = 0; t < 5; t++)
            for (var c = 0; c < 16; c++)
            {
                var next = model.CharLevel.NextLogits(hidden.select(1, t), patches.select(1, t + 1).narrow(1, 0, c));
                worst = Math.Max(worst, TestModels.MaxDifference(next.squeeze(0), predictions.Logits[t, c]));
            }
        Assert.True(worst < 1e-5f, $"differs by {worst}");
    }

    [Fact]
    public void A_later_patch_never_changes_an_earlier_logit()
    {
        using var scope = NewDisposeScope();
        var config = TestModels.Styled(embeddings: true, adapters: true, attentionBias: true);
        using var model = NotaGenModel.Create(config, seed: 11);
        Perturb(model, ".style_", 0.05);
        Perturb(model, "lora_b", 0.05);
        model.eval();
        using var noGrad = no_grad();
        var patches = TestModels.Patches(1, 20, seed: 12);
        var changed = patches.clone();
        changed[0, 12] = TestModels.Patches(1, 2, seed: 99)[0, 1];
        var before = model.Predict(patches).Logits;                                  // pair t predicts patch t + 1
        var after = model.Predict(changed).Logits;
        // Pairs 0..10 see patches 0..11 (as state) and their own target only: unchanged.
        Assert.True(TestModels.MaxDifference(before.narrow(0, 0, 11), after.narrow(0, 0, 11)) <= 1e-6f);
        // Pair 11 has the changed patch as its target (different teacher forcing), later pairs see it: changed.
        Assert.True(TestModels.MaxDifference(before.narrow(0, 12, 7), after.narrow(0, 12, 7)) > 1e-4f);
    }

    [Fact]
    public void Left_padded_batch_with_cache_matches_each_piece_alone()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 13);
        model.eval();
        using var noGrad = no_grad();
        var a = TestModels.Patches(1, 9, seed: 14);
        var b = TestModels.Patches(1, 6, seed: 15);
        // Prompts of 6 and 3 patches, left-padded to 6; then 3 more patches each, one at a time.
        var prompt = cat([a.narrow(1, 0, 6), cat([zeros(1, 3, 16, ScalarType.Int64), b.narrow(1, 0, 3)], 1)], 0);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1 }, [2, 6]);
        using var cache = model.NewPatchCache();
        model.PatchLevel.forward(prompt, mask, cache: cache);
        var aAlone = model.PatchLevel.forward(a);
        var bAlone = model.PatchLevel.forward(b);
        var worst = 0f;
        for (var i = 0; i < 3; i++)
        {
            var step = cat([a.narrow(1, 6 + i, 1), b.narrow(1, 3 + i, 1)], 0);
            var hidden = model.PatchLevel.forward(step, cache: cache);                // [2, 1, H]
            worst = Math.Max(worst, TestModels.MaxDifference(hidden[0], aAlone[0, 6 + i].unsqueeze(0)));
            worst = Math.Max(worst, TestModels.MaxDifference(hidden[1], bAlone[0, 3 + i].unsqueeze(0)));
        }
        Assert.True(worst < 1e-5f, $"differs by {worst}");
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_loss_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var patches = TestModels.Patches(2, 8, seed: 16);
        float LossOf(long seed)
        {
            using var model = NotaGenModel.Create(TestModels.Micro with { Dropout = 0.1 }, seed: seed);
            torch.manual_seed(5);
            return model.Loss(patches).item<float>();
        }
        Assert.Equal(LossOf(21), LossOf(21));
        Assert.NotEqual(LossOf(21), LossOf(22));
    }

    [Fact]
    public void Exceeding_the_context_is_a_clear_error()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Micro);
        var error = Assert.Throws<InvalidOperationException>(() => model.PatchLevel.forward(TestModels.Patches(1, 65, seed: 1)));
        Assert.Contains("64 patches", error.Message);
    }

    /// <summary>Adds noise to the parameters whose name contains <paramref name="part"/> (fresh style parts are zero).</summary>
    internal static void Perturb(NotaGenModel model, string part, double std)
    {
        using var noGrad = no_grad();
        var generator = new Generator(123);
        foreach (var (name, parameter) in model.named_parameters())
            if (name.Contains(part, StringComparison.Ordinal))
                parameter.add_(randn(parameter.shape, generator: generator) * std);
    }
}
