using NotaGen.Music.Text;
using Xunit;

namespace NotaGen.Music.Tests.Text;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("same", "same", 0)]
    public void Text_distance_is_levenshtein(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Within(a, b, 10));
        Assert.Equal(expected, EditDistance.Within(b, a, 10));
        Assert.Null(expected == 0 ? null : EditDistance.Within(a, b, expected - 1));
    }

    [Fact]
    public void Sequences_use_the_given_comparer()
    {
        int[] a = [1, 2, 3, 4];
        int[] b = [1, 3, 4, 5];
        // delete 2, insert 5.
        Assert.Equal(2, EditDistance.Within<int>(a, b, 4, EqualityComparer<int>.Default));
        var seenOnly = EqualityComparer<int>.Create((x, y) => x >= 0 && x == y, x => x);
        // -1 matches nothing, not even -1: one substitution.
        Assert.Equal(1, EditDistance.Within<int>([-1, 2], [-1, 2], 2, seenOnly));
        Assert.Equal(0, EditDistance.Within<int>([-1, 2], [-1, 2], 2, EqualityComparer<int>.Default));
    }
}
