using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Style;
using NotaGen.Music.NotaGenFormat;
using Xunit;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests;

public class StyleConditioningTests
{
    private static readonly StyleRows Chopin = TestModels.Vocabulary.Resolve(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard"));
    private static readonly StyleRows Bach = TestModels.Vocabulary.Resolve(new StylePrompt("Baroque", "Bach, Johann Sebastian", "Chamber"));

    public StyleConditioningTests() => TestModels.PinThreads();

    [Theory]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    public void Fresh_style_parts_leave_the_base_models_output_unchanged(bool embeddings, bool adapters, bool bias)
    {
        using var scope = NewDisposeScope();
        using var styled = NotaGenModel.Create(TestModels.Styled(embeddings, adapters, bias), seed: 1);
        using var plain = NotaGenModel.Create(TestModels.Micro, seed: 2);
        var baseWeights = styled.state_dict().Where(p => !p.Key.Contains(".adapter.") && !p.Key.Contains(".style_"))
            .ToDictionary(p => p.Key, p => p.Value);
        plain.load_state_dict(baseWeights);
        styled.eval();
        plain.eval();
        var patches = TestModels.Patches(2, 7, seed: 3);
        var expected = plain.Predict(patches).Logits;
        Assert.True(TestModels.MaxDifference(styled.Predict(patches, styles: [Chopin, Bach]).Logits, expected) < 1e-6f);

        // Non-vacuous: once the style parts have learned something, the output moves.
        DecoderTests.Perturb(styled, "lora_b", 0.05);
        DecoderTests.Perturb(styled, ".style_", 0.05);
        Assert.True(TestModels.MaxDifference(styled.Predict(patches, styles: [Chopin, Bach]).Logits, expected) > 1e-4f);
    }

    [Fact]
    public void Different_styles_condition_the_output_and_equal_styles_agree()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Styled(true, true, true), seed: 4);
        DecoderTests.Perturb(model, "lora_b", 0.05);
        DecoderTests.Perturb(model, ".style_", 0.05);
        model.eval();
        var piece = TestModels.Patches(1, 6, seed: 5);
        var both = model.Predict(cat([piece, piece], 0), styles: [Chopin, Bach]).Logits;   // [10, 16, V]
        var chopin = model.Predict(piece, styles: [Chopin]).Logits;
        Assert.True(TestModels.MaxDifference(both.narrow(0, 0, 5), chopin) < 1e-5f);
        Assert.True(TestModels.MaxDifference(both.narrow(0, 0, 5), both.narrow(0, 5, 5)) > 1e-4f);
    }

    [Fact]
    public void Freezing_the_base_trains_only_the_adapters_and_style_tables_of_the_pieces_styles()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Styled(true, true, false), seed: 6);
        model.FreezeBase();
        var trainable = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        var adaptersAndTables = model.AdapterParameters().Sum(p => p.Parameter.numel()) + model.StyleTableParameters().Sum(p => p.Parameter.numel());
        Assert.Equal(adaptersAndTables, trainable);
        Assert.True(trainable < model.CountParameters());

        model.Loss(TestModels.Patches(1, 6, seed: 7), styles: [Chopin]).backward();
        foreach (var (name, parameter) in model.named_parameters())
            if (!name.Contains(".adapter.") && !name.Contains(".style_"))
                Assert.True(parameter.grad is null, $"{name} got a gradient");
        var loraB = model.AdapterParameters().First(p => p.Name.EndsWith("c_attn.adapter.lora_b")).Parameter; // [S, r, out]
        var rowGradients = loraB.grad!.abs().sum([1, 2]);                                                     // [S]
        var (period, composer, instrumentation) = TestModels.Vocabulary.AdapterRows(Chopin);
        for (var row = 0; row < TestModels.Vocabulary.Count; row++)
        {
            var used = row == period || row == composer || row == instrumentation;
            Assert.Equal(used, rowGradients[row].item<float>() > 0);
        }
        model.FreezeBase(false);
        Assert.Equal(model.CountParameters(), model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()));
    }

    [Fact]
    public void Style_tables_and_adapter_weights_are_readable()
    {
        using var scope = NewDisposeScope();
        using var model = NotaGenModel.Create(TestModels.Styled(true, true, true), seed: 8);
        Assert.Equal(new long[] { TestModels.Vocabulary.Composers.Count, 32 }, model.PatchLevel.StyleEmbeddings!.Composers.shape);
        var adapter = model.PatchLevel.Transformer.Block(0).Attention.QueryKeyValue.Adapter!;
        Assert.Equal(new long[] { TestModels.Vocabulary.Count, 32, 4 }, adapter.A.shape);
        Assert.Equal(new long[] { TestModels.Vocabulary.Count, 4, 96 }, adapter.B.shape);
        Assert.Equal(0f, adapter.B.abs().sum().item<float>());
    }
}
