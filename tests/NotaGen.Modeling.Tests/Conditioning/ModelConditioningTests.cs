using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Modeling.Tests.Conditioning;

public sealed class ModelConditioningTests
{
    private static readonly StylePrompt Chopin = new("Romantic", "Chopin, Frederic", "Keyboard");

    [Fact]
    public void A_model_without_learned_style_reads_the_prompt_lines_and_no_rows()
    {
        var conditioning = new ModelConditioning(TestModels.Micro);
        Assert.True(conditioning.ReadsPromptLines);
        Assert.False(conditioning.UsesLabels);
        Assert.Null(conditioning.Vocabulary);
        Assert.Equal(["Romantic", "Chopin, Frederic", "Keyboard"], conditioning.PromptLinesOf(Chopin));
        Assert.Null(conditioning.RowsOf(Chopin));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void Each_learned_mechanism_reads_the_rows_of_the_models_vocabulary(bool embeddings, bool adapters, bool bias)
    {
        var conditioning = new ModelConditioning(TestModels.Styled(embeddings, adapters, bias));
        Assert.True(conditioning.UsesLabels);
        Assert.Equal(new StyleRows(2, 2, 1), conditioning.RowsOf(Chopin));
        // Values the vocabulary does not know are the learned "other" row 0; a partial prompt keeps its known axes.
        Assert.Equal(new StyleRows(2, 0, 0), conditioning.RowsOf(new StylePrompt("Romantic", "Nobody, Anon", null)));
        Assert.Equal(StyleRows.Other, conditioning.RowsOf(null));
    }

    [Fact]
    public void A_model_trained_without_prompt_lines_is_prompted_without_them()
    {
        var conditioning = new ModelConditioning(TestModels.Micro with { Style = TestModels.AllStyles with { PromptLines = false }, Styles = TestModels.Vocabulary });
        Assert.False(conditioning.ReadsPromptLines);
        Assert.Empty(conditioning.PromptLinesOf(Chopin));
        Assert.Equal(new StyleRows(2, 2, 1), conditioning.RowsOf(Chopin));
    }

    [Fact]
    public void Resolve_checks_the_prompt_against_the_catalog_and_names_the_nearest_known_ones()
    {
        var catalog = new PromptCatalog([(new StylePrompt("Romantic", "Schubert, Franz", "Art Song"), 84), (Chopin, 20)]);
        var conditioning = new ModelConditioning(TestModels.Micro, catalog);
        Assert.Equal(Chopin, conditioning.Resolve(new StylePrompt("romantic ", "CHOPIN, FREDERIC", "keyboard")));
        var error = Assert.Throws<UnknownPromptException>(() => conditioning.Resolve(new StylePrompt("Romantic", "Schubert", "Art Song")));
        Assert.Contains("--composer \"Schubert, Franz\"", error.Message, StringComparison.Ordinal);
        // Without a catalog nothing is checked: the prompt comes back as given.
        var unknown = new StylePrompt("Modern", "Nobody", "Kazoo");
        Assert.Same(unknown, new ModelConditioning(TestModels.Micro).Resolve(unknown));
    }

    [Fact]
    public void Load_reads_the_model_directorys_catalog_when_it_has_one()
    {
        using var temp = new TempDirectory();
        Assert.Null(ModelConditioning.Load(temp.Path, TestModels.Micro).Catalog);
        new PromptCatalog([(Chopin, 3)]).Save(Path.Combine(temp.Path, PromptCatalog.FileName));
        var loaded = ModelConditioning.Load(temp.Path, TestModels.Micro).Catalog;
        Assert.NotNull(loaded);
        Assert.Equal([(Chopin, 3)], loaded.Entries);
    }
}
