using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Style;
using NotaGen.Music.NotaGenFormat;
using TorchSharp;
using Xunit;

namespace NotaGen.Modeling.Tests;

public class ParameterCountTests
{
    // Counts published for NotaGen (reference d, and the "Parameter Number" printed by its training script).
    [Theory]
    [InlineData("small", 109_579_776L)]
    [InlineData("medium", 243_677_184L)]
    [InlineData("large", 515_738_880L)]
    public void NotaGen_presets_have_the_published_parameter_counts(string preset, long expected)
    {
        var config = ModelPresets.Get(preset);
        Assert.Equal(expected, ParameterCount.Of(config).Total);
        // The real modules, built on the meta device (no memory), agree with the formula.
        using var model = NotaGenModel.Create(config, torch.META);
        Assert.Equal(expected, model.CountParameters());
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("mini")]
    public void Small_presets_match_the_formula_and_fit_the_size_budget(string preset)
    {
        var config = ModelPresets.Get(preset);
        using var model = NotaGenModel.Create(config);
        Assert.Equal(ParameterCount.Of(config).Total, model.CountParameters());
        Assert.True(model.CountParameters() * 4 <= 25_000_000, $"{preset} has {model.CountParameters()} parameters");
    }

    [Fact]
    public void Style_mechanisms_add_the_parameters_the_formula_predicts()
    {
        var config = TestModels.Styled(embeddings: true, adapters: true, attentionBias: true) with { Style = TestModels.AllStyles with { AdapterLayers = [1] } };
        using var model = NotaGenModel.Create(config, torch.META);
        var count = ParameterCount.Of(config);
        Assert.True(count.StyleEmbeddings > 0 && count.StyleAdapters > 0 && count.StyleAttentionBias > 0);
        Assert.Equal(count.Total, model.CountParameters());
        Assert.Equal(count.StyleAdapters, model.AdapterParameters().Sum(p => p.Parameter.numel()));
    }

    [Fact]
    public void Parameter_names_follow_NotaGen_state_dict_keys()
    {
        using var model = NotaGenModel.Create(ModelPresets.Get("tiny"), torch.META);
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        string[] expected =
        [
            "patch_level_decoder.patch_embedding.weight", "patch_level_decoder.patch_embedding.bias",
            "patch_level_decoder.base.wte.weight", "patch_level_decoder.base.wpe.weight",
            "patch_level_decoder.base.h.0.ln_1.weight", "patch_level_decoder.base.h.0.attn.c_attn.weight",
            "patch_level_decoder.base.h.1.attn.c_proj.bias", "patch_level_decoder.base.h.1.mlp.c_fc.weight",
            "patch_level_decoder.base.h.1.mlp.c_proj.weight", "patch_level_decoder.base.ln_f.bias",
            "char_level_decoder.base.transformer.wte.weight", "char_level_decoder.base.transformer.wpe.weight",
            "char_level_decoder.base.transformer.h.0.ln_2.bias", "char_level_decoder.base.transformer.ln_f.weight",
        ];
        Assert.All(expected, name => Assert.Contains(name, names));
        // The state dict holds exactly the parameters, under the same names (no C# field names sneak in).
        Assert.Equal(names.Order(), model.state_dict().Keys.Order());
        // GPT-2 Conv1D layout [in, out]: c_attn maps H to 3H.
        var cAttn = model.named_parameters().Single(p => p.name == "patch_level_decoder.base.h.0.attn.c_attn.weight").parameter;
        Assert.Equal(new long[] { 128, 384 }, cAttn.shape);
        var patchEmbedding = model.named_parameters().Single(p => p.name == "patch_level_decoder.patch_embedding.weight").parameter;
        Assert.Equal(new long[] { 128, 2048 }, patchEmbedding.shape);
    }

    [Fact]
    public void Configuration_round_trips_through_json()
    {
        var config = TestModels.Styled(embeddings: true, adapters: true, attentionBias: false);
        var back = NotaGenConfig.FromJson(config.ToJson());
        Assert.Equal(config.ToJson(), back.ToJson());
        Assert.Contains("\"patch_length\"", config.ToJson());
        Assert.Equal(config.Styles.Composers, back.Styles.Composers);
    }

    [Fact]
    public void Unknown_presets_and_inconsistent_shapes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ModelPresets.Get("huge"));
        Assert.Throws<ArgumentException>(() => (ModelPresets.Get("tiny") with { Heads = 3 }).Validate());
    }

    [Fact]
    public void Unknown_style_values_map_to_other()
    {
        var styles = StyleVocabulary.Create(["Romantic"], ["Chopin, Frederic"], ["Keyboard"]);
        Assert.Equal(new StyleRows(1, 1, 1), styles.Resolve(new StylePrompt("Romantic", "Chopin, Frederic", "Keyboard")));
        Assert.Equal(new StyleRows(1, 0, 0), styles.Resolve(new StylePrompt("Romantic", "Nobody, Anon", null)));
    }
}
