using NotaGen.Generation;
using NotaGen.Modeling.Conditioning;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Modeling.Tests.Generation;

public sealed class PieceRequestTests
{
    private static readonly StylePrompt Schubert = new("Romantic", "Schubert, Franz", "Keyboard");

    [Fact]
    public void For_a_prompt_lines_model_writes_the_lines_and_no_rows()
    {
        var request = PieceRequest.For(new ModelConditioning(TestModels.Micro), Schubert);
        Assert.Equal(["Romantic", "Schubert, Franz", "Keyboard"], request.PromptLines);
        Assert.Null(request.Style);
        // The rest of the request is the plain default: the front end adds its own controls with `with`.
        Assert.Equal(new PieceRequest { PromptLines = request.PromptLines }, request);
    }

    [Fact]
    public void For_a_model_with_learned_style_adds_the_rows_and_drops_the_lines_it_never_read()
    {
        var both = PieceRequest.For(new ModelConditioning(TestModels.Styled(embeddings: true, adapters: false, attentionBias: false)), Schubert);
        Assert.Equal(["Romantic", "Schubert, Franz", "Keyboard"], both.PromptLines);
        Assert.Equal(new StyleRows(2, 3, 1), both.Style);

        var rowsOnly = PieceRequest.For(new ModelConditioning(TestModels.Micro with { Style = TestModels.AllStyles with { PromptLines = false }, Styles = TestModels.Vocabulary }), Schubert);
        Assert.Empty(rowsOnly.PromptLines);
        Assert.Equal(new StyleRows(2, 3, 1), rowsOnly.Style);
    }
}
