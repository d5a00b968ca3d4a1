using NotaGen.Tokenization;
using NotaGen.Visualization.Tokens;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class TokenViewTests
{
    [Fact]
    public void Each_patch_shows_its_label_characters_and_ids_and_a_line_end_breaks_the_row()
    {
        IReadOnlyList<int>[] patches =
        [
            [.. Enumerable.Repeat(PatchVocabulary.Bos, 15), PatchVocabulary.Eos],
            [.. "K:G\n".Select(c => (int)c), PatchVocabulary.Eos, .. Enumerable.Repeat(PatchVocabulary.Pad, 11)],
            [.. "[r:0/0][V:1]abc|".Select(c => (int)c)],
        ];
        var view = TokenView.Of(patches);
        Assert.Equal(3, view.Cells.Count);
        Assert.Equal(["K", ":", "G", "↵", "EOS"], view.Cells[1].Characters.Take(5));
        Assert.True(view.Cells[1].EndsLine);
        Assert.False(view.Cells[2].EndsLine);
        Assert.Equal("2 [r:0][V:1]", view.Cells[2].Label);
        Assert.Equal(0, view.Cells[2].Bar);

        var html = view.ToHtml();
        Assert.Contains("3 patches of 16 ids", html);
        Assert.Contains("ids: 75 58 71 10 2 0 0 0 0 0 0 0 0 0 0 0", html);
        Assert.Equal(1, html.Split("flex-basis:100%").Length - 1);
    }
}
