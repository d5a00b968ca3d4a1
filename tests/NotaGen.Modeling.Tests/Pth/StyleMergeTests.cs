using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace NotaGen.Modeling.Tests.Pth;

/// <summary>
/// A styled model with one style merged, exported as a NotaGen checkpoint and imported back, computes what the styled
/// model computes for that style.
/// </summary>
public sealed class StyleMergeTests(ITestOutputHelper output)
{
    /// <summary>A styled model whose style tables and adapter B matrices are not zero (they start at zero).</summary>
    private static NotaGenModel StyledModel(bool embeddings, bool adapters, bool attentionBias)
    {
        // H = 64, one head: NotaGen's head size, so the importer can infer the configuration from the shapes.
        var config = TestModels.Styled(embeddings, adapters, attentionBias) with { HiddenSize = 64, Heads = 1 };
        var model = NotaGenModel.Create(config, seed: 7);
        using var noGrad = no_grad();
        using var generator = new TorchSharp.torch.Generator(11);
        foreach (var (name, parameter) in model.named_parameters())
            if (name.StartsWith("patch_level_decoder.style_", StringComparison.Ordinal) || name.EndsWith(".lora_b", StringComparison.Ordinal))
                parameter.copy_(randn(parameter.shape, generator: generator).mul_(0.2));
        return model;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_merged_export_computes_what_the_styled_model_computes_for_that_style(bool embeddings, bool adapters)
    {
        TestModels.PinThreads();
        using var styled = StyledModel(embeddings, adapters, attentionBias: false);
        var labels = new StyleRows(2, 3, 1); // Romantic, Schubert, Keyboard
        using var directory = new TempDirectory();
        using (var merged = StyleMerge.Merge(styled, labels))
            NotaGenPthExport.Write(merged, directory.File("merged.pth"));

        using var checkpoint = PthCheckpoint.Open(directory.File("merged.pth"));
        using var imported = NotaGenPthImport.Load(checkpoint, NotaGenPthImport.InferConfig(checkpoint));
        Assert.False(imported.PatchLevel.UsesStyle);
        // The importer gives NotaGen's dropout (0.1): evaluation mode, as generation and the parity check run.
        styled.eval();
        imported.eval();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var patches = TestModels.Patches(2, 12, seed: 5);
        var withStyle = styled.Predict(patches, styles: [labels, labels]);
        var plain = imported.Predict(patches);
        using var styleContext = styled.StyleFor([labels, labels]);
        var hiddenDifference = TestModels.MaxDifference(styled.PatchLevel.forward(patches, style: styleContext), imported.PatchLevel.forward(patches));
        var logitDifference = TestModels.MaxDifference(withStyle.Logits, plain.Logits);
        output.WriteLine($"embeddings={embeddings} adapters={adapters}: max |Δ hidden| = {hiddenDifference:E2}, max |Δ logits| = {logitDifference:E2}");
        Assert.True(hiddenDifference < 1e-4, $"hidden states differ by {hiddenDifference}");
        Assert.True(logitDifference < 1e-4, $"logits differ by {logitDifference}");

        // The style matters: the same model without the style ("other") computes something else.
        var other = styled.Predict(patches, styles: [StyleRows.Other, StyleRows.Other]);
        Assert.True(TestModels.MaxDifference(other.Logits, plain.Logits) > 1e-3);
    }

    [Fact]
    public void NotaGens_code_loads_a_merged_export_strictly()
    {
        var python = ExternalTool.RequirePythonModule("torch", "python3-torch");
        var oracle = SharedData.Require(Path.Combine("reference", "notagen-pytorch", "oracle.py"));
        using var styled = StyledModel(embeddings: true, adapters: true, attentionBias: false);
        using var directory = new TempDirectory();
        using (var merged = StyleMerge.Merge(styled, new StyleRows(1, 2, 2)))
            NotaGenPthExport.Write(merged, directory.File("merged.pth"));

        var config = styled.Config;
        var result = ExternalTool.Run(python,
            [oracle, "check", directory.File("merged.pth"), "--hidden", $"{config.HiddenSize}", "--patch-layers", $"{config.PatchLayers}",
             "--char-layers", $"{config.CharLayers}", "--patch-length", $"{config.PatchLength}"],
            directory.Path, TimeSpan.FromMinutes(3));
        output.WriteLine(result.StandardOutput);
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("<All keys matched successfully>", result.StandardOutput);
    }

    [Fact]
    public void A_style_attention_bias_is_refused_with_a_message_naming_it()
    {
        using var styled = StyledModel(embeddings: true, adapters: true, attentionBias: true);
        var error = Assert.Throws<InvalidOperationException>(() => StyleMerge.Merge(styled, new StyleRows(1, 1, 1)));
        Assert.Contains("style attention bias", error.Message);
    }

    [Fact]
    public void A_label_outside_the_vocabulary_is_refused()
    {
        using var styled = StyledModel(embeddings: true, adapters: false, attentionBias: false);
        Assert.Throws<ArgumentOutOfRangeException>(() => StyleMerge.Merge(styled, new StyleRows(9, 0, 0)));
    }
}
