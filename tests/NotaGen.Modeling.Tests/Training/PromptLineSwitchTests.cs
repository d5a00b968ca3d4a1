using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;
using NotaGen.Training.Data;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

/// <summary>prompt_lines = false: the training encoder must not show the style as text.</summary>
public sealed class PromptLineSwitchTests
{
    [Fact]
    public void Without_prompt_lines_a_piece_encodes_as_its_text_minus_the_three_prompt_lines()
    {
        var piece = TrainingFixtures.Piece(3);
        Assert.NotNull(PromptLines.Read(piece.Abc));
        var tokenizer = new BarPatchTokenizer(64);
        var with = new PieceEncoder(tokenizer, NoKeyAugmentation.Instance, null).Encode(piece, 0, null);
        var without = new PieceEncoder(tokenizer, NoKeyAugmentation.Instance, null, promptLines: false).Encode(piece, 0, null);
        var stripped = new PieceEncoder(tokenizer, NoKeyAugmentation.Instance, null).Encode(piece with { Abc = PromptLines.RemoveLeading(piece.Abc) }, 0, null);

        Assert.Equal(stripped.Ids, without.Ids);
        Assert.True(with.PatchCount > without.PatchCount, $"{with.PatchCount} vs {without.PatchCount}");
        var text = BarPatchTokenizer.Decode(Patches(without));
        Assert.DoesNotContain(piece.Labels!.Composer!, text, StringComparison.Ordinal);
        Assert.Contains("%%score", text, StringComparison.Ordinal);
    }

    private static IReadOnlyList<Patch> Patches(EncodedPiece piece) =>
        Enumerable.Range(0, piece.PatchCount).Select(p => new Patch(piece.Ids.Skip(p * PatchVocabulary.PatchSize).Take(PatchVocabulary.PatchSize).Select(b => (int)b).ToArray())).ToList();
}
