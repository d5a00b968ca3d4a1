using NotaGen.Music.Abc.Parsing;
using Xunit;

namespace NotaGen.Music.Tests.Midi.Import;

public sealed class AbcBarStructureTests
{
    private static AbcBarStructure Of(string body)
    {
        var document = AbcParser.Parse($"X:1\nL:1/4\nM:2/4\nK:C\n{body}\n", "test.abc");
        Assert.False(document.HasErrors);
        return AbcBarStructure.Of(document.Tunes[0]);
    }

    [Theory]
    [InlineData("A B | c d | e f |]", "0 1 2", 3)]
    [InlineData("|: A B | c d :| e f |]", "0 1 0 1 2", 3)]
    [InlineData("A B |: c d :: e f :| g a |]", "0 1 1 2 2 3", 4)]
    [InlineData("|: A B |1 c d :|2 e f |]", "0 1 0 2", 3)]
    [InlineData("|: A B | [1 c d :| [2 e f | g a |]", "0 1 0 2 3", 4)]
    [InlineData("|: A B |1,2 c d :|3 e f |]", "0 1 0 1 0 2", 3)]
    [InlineData("|: A B |1 c d :|2 e f || g a :| B c |]", "0 1 0 2 3 3 4", 5)]
    [InlineData("Z2 | A B :| c d |]", "0 1 2 0 1 2 3", 4)]
    public void Bars_are_played_in_repeat_order(string body, string expected, int written)
    {
        var structure = Of(body);
        Assert.Equal(expected, string.Join(' ', structure.PlayingOrder));
        Assert.Equal(written, structure.Written);
    }

    [Fact]
    public void Bars_with_grace_notes_or_ornaments_in_any_voice_are_marked()
    {
        var structure = Of("V:1\nA B | Tc d | e f |]\nV:2\nA, B, | C D | {E}F G |]");
        Assert.Equal([1, 2], structure.Ornamented.Order());
    }
}
