using NotaGen.Music.NotaGenFormat;
using NotaGen.Music.Time;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Music.Tests.NotaGenFormat;

public class RestUnreducerTests
{
    // Bar lengths in units of L for the bars of the a.3 example, counted by hand.
    private static readonly Dictionary<string, Rational> HandCounted = new()
    {
        ["\"^Allegro\" d2 B G A2"] = 6,
        ["[GB]2 d4"] = 6,
        ["G,,6"] = 6,
        ["c6"] = 6,
        ["F,6"] = 6,
        ["G6"] = 6,
        ["B6"] = 6,
    };

    private static Rational? Measure(string bar) => HandCounted.TryGetValue(bar, out var d) ? d : null;

    [SkippableFact]
    public void Restores_the_whole_bar_rest_of_the_a3_example()
    {
        var reduced = ReferenceDocument.BlockAfter("A complete training document");
        var restored = RestUnreducer.Unreduce(reduced, Measure);
        var body = restored.Split('\n').Where(line => line.StartsWith("[V:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "[V:1]\"^Allegro\" d2 B G A2|[V:2][GB]2 d4|[V:3]G,,6|",
                "[V:1]z6|[V:2]c6|[V:3]F,6|",
                "[V:1]G6|][V:2]B6|][V:3]G,,6|]",
            ],
            body);
        Assert.StartsWith("%Romantic\n%Schubert, Franz\n%Art Song\n%%score 1 { 2 | 3 }\n", restored);
    }

    [Fact]
    public void Second_voice_of_a_staff_gets_an_invisible_rest_with_the_repeat_signs_in_numeric_order()
    {
        const string reduced = "%%score ( 1 2 ) 3\nV:1\nV:3\nV:2\n[r:0/0][V:3]C,4|[V:1]|:A4:|\n";
        var restored = RestUnreducer.Unreduce(reduced, _ => 4);
        Assert.EndsWith("[V:1]|:A4:|[V:2]|:x4:|[V:3]C,4|\n", restored);
    }

    [Fact]
    public void Missing_score_line_is_a_clear_error()
    {
        var error = Assert.Throws<MusicFormatException>(() => RestUnreducer.Unreduce("V:1\nV:2\n[V:1]A|\n", _ => 1, "g.abc"));
        Assert.Contains("no %%score line", error.Message);
    }

    [Theory]
    [InlineData(8, 1, "z8")]
    [InlineData(6, 1, "z6")]
    [InlineData(10, 1, "z8 z2")]
    [InlineData(17, 2, "z8 z/")]
    [InlineData(5, 2, "z2 z/")]
    [InlineData(0, 1, "")]
    [InlineData(76, 9, "z76/9")]
    public void A_restored_rest_is_spelled_as_engravable_notes_and_never_z0(long numerator, long denominator, string expected) =>
        Assert.Equal(expected, RestUnreducer.WritableRest('z', new NotaGen.Music.Time.Rational(numerator, denominator)));
}
