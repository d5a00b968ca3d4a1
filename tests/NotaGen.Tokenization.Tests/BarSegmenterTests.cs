using Xunit;

namespace NotaGen.Tokenization.Tests;

public class BarSegmenterTests
{
    [Fact]
    public void Each_barline_starts_the_segment_of_the_next_voice_and_the_closing_barline_stays_with_the_last()
    {
        var segments = BarSegmenter.Split("[r:0/2][V:1]d2 B|[V:2][GB]2 d4|[V:3]G,,6|\n");
        Assert.Equal(new[] { "[r:0/2][V:1]d2 B", "|[V:2][GB]2 d4", "|[V:3]G,,6|\n" }, segments);
    }

    [Theory]
    [InlineData("|:", "[V:1]a|:[V:2]b|:\n")]
    [InlineData("::", "[V:1]a::[V:2]b::\n")]
    [InlineData(":|", "[V:1]a:|[V:2]b:|\n")]
    [InlineData("[|", "[V:1]a[|[V:2]b[|\n")]
    [InlineData("||", "[V:1]a||[V:2]b||\n")]
    [InlineData("|]", "[V:1]a|][V:2]b|]\n")]
    public void Two_character_barlines_are_kept_whole(string barline, string line)
    {
        var segments = BarSegmenter.Split(line);
        Assert.Equal(2, segments.Count);
        Assert.Equal("[V:1]a", segments[0]);
        Assert.StartsWith(barline + "[V:2]b", segments[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_piece_with_a_V_stays_a_segment_of_its_own()
    {
        // Text after the final barline that holds a 'V' is not glued back (NotaGen's "no V" test).
        var segments = BarSegmenter.Split("[V:1]a|[V:2]b|!V!\n");
        Assert.Equal(new[] { "[V:1]a", "|[V:2]b", "|!V!\n" }, segments);
    }

    [Theory]
    [InlineData("[V:1]a|]|[V:2]b|\n")]
    [InlineData("|[V:1]a|[V:2]b|\n")]
    [InlineData("no barline at all\n")]
    [InlineData("[V:1]a::|[V:2]b|]")]
    public void Segments_always_concatenate_to_the_line(string line) =>
        Assert.Equal(line, string.Concat(BarSegmenter.Split(line)));
}
