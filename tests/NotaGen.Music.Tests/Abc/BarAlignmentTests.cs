using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using Xunit;

namespace NotaGen.Music.Tests.Abc;

public sealed class BarAlignmentTests
{
    private static BarAlignment Of(string text)
    {
        var document = AbcParser.Parse(text);
        Assert.False(document.HasErrors, string.Join("\n", document.Diagnostics));
        return BarAlignment.Of(AbcInterpreter.Interpret(document.Tunes[0]));
    }

    [Fact]
    public void Voices_that_agree_in_every_bar_have_no_error()
    {
        var alignment = Of("X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC D | E F |\nV:2\nC,2 | G,, G,, |\n");
        Assert.Equal(new BarAlignment(2, 0), alignment);
        Assert.Equal(0, alignment.Error);
    }

    [Fact]
    public void A_bar_whose_voices_last_differently_is_misaligned()
    {
        // Bar 2 of voice 2 lasts 3/4 against 2/4; bar 3 is missing from voice 2: 2 of 3 bars misaligned.
        var alignment = Of("X:1\nL:1/4\nM:2/4\nK:C\nV:1\nC D | E F | G2 |\nV:2\nC,2 | G,, G,, A,, |\n");
        Assert.Equal(new BarAlignment(3, 2), alignment);
        Assert.Equal(2.0 / 3, alignment.Error, 12);
    }

    [Fact]
    public void A_single_voice_is_always_aligned_even_with_incomplete_bars()
    {
        var alignment = Of("X:1\nL:1/4\nM:3/4\nK:C\nC D | E F G | A |\n");
        Assert.Equal(new BarAlignment(3, 0), alignment);
    }
}
