using NotaGen.Modeling.Inference;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation;

/// <summary>
/// The managed decoders split their matrix products by output columns between threads: the result must be the same bits
/// as one thread's, so a thread count never changes generated text.
/// </summary>
public class HostDecoderThreadTests
{
    // Hidden 512: the QKV, MLP and MLP-projection products are large enough to be split (c_proj and the LM head are not).
    private static readonly Configuration.NotaGenConfig Wide = TestModels.Micro with { HiddenSize = 512, Heads = 8, PatchLayers = 2, CharLayers = 2, PatchLength = 64 };

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Patch_and_character_steps_give_the_same_bits_on_several_threads_as_on_one(int threads)
    {
        using var model = NotaGenModel.Create(Wide, seed: 31);
        var random = new Random(4);
        var patches = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 16).Select(_ => random.Next(3, 128)).ToArray()).ToList();

        var (oneHidden, oneLogits) = Run(model, patches, 1);
        var (manyHidden, manyLogits) = Run(model, patches, threads);

        Assert.True(oneLogits.Any(v => v != 0f), "the character logits were never written");
        Assert.Equal(oneHidden, manyHidden);
        Assert.Equal(oneLogits, manyLogits);
    }

    [Fact]
    public void A_thread_count_below_one_is_refused()
    {
        using var model = NotaGenModel.Create(TestModels.Micro, seed: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HostCharDecoder(model.CharLevel, model.Config, threads: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HostPatchDecoder(model.PatchLevel, model.Config, threads: 0));
    }

    // Every patch: one patch-level step, then the character level over its 16 characters; all hidden states and logits.
    private static (float[] Hidden, float[] Logits) Run(NotaGenModel model, List<int[]> patches, int threads)
    {
        var patchLevel = new HostPatchDecoder(model.PatchLevel, model.Config, threads);
        var charLevel = new HostCharDecoder(model.CharLevel, model.Config, threads);
        var context = patchLevel.NewState(null);
        var chars = charLevel.NewState(1);
        var vocabulary = charLevel.VocabularySize;
        var hidden = new List<float>();
        var logits = new float[patches.Count * 16 * vocabulary];
        for (var k = 0; k < patches.Count; k++)
        {
            patchLevel.Step(context, patches[k]);
            hidden.AddRange(context.Last);
            var rows = logits.AsSpan(k * 16 * vocabulary, 16 * vocabulary);
            charLevel.Start(chars, context.Last, rows[..vocabulary]);
            for (var c = 0; c < 15; c++)
                charLevel.Step(chars, [patches[k][c]], rows.Slice((c + 1) * vocabulary, vocabulary));
        }
        return (hidden.ToArray(), logits);
    }
}
