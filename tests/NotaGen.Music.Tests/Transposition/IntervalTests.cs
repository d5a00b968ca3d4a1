using NotaGen.Music.Transposition;
using Xunit;

namespace NotaGen.Music.Tests.Transposition;

public class IntervalTests
{
    [Theory]
    [InlineData("C", "Eb", 2, 3)]
    [InlineData("C", "B", -1, -1)]
    [InlineData("C", "Cb", 0, -1)]
    [InlineData("B", "Cb", 1, 0)]
    [InlineData("Cb", "B", -1, 0)]
    [InlineData("C", "F#", 3, 6)]
    [InlineData("C", "Gb", 4, 6)]
    [InlineData("F#", "C", 4, 6)]
    [InlineData("C", "G", -3, -5)]
    [InlineData("D", "Ab", 4, 6)]
    [InlineData("Eb", "A", 3, 6)]
    public void Key_to_key_intervals_follow_NotaGen_minus5_to_plus6(string from, string to, int steps, int semitones)
    {
        var interval = Interval.Between(SpelledPitch.Parse(from)!.Value, SpelledPitch.Parse(to)!.Value);
        Assert.Equal(new Interval(steps, semitones), interval);
        Assert.Equal(SpelledPitch.Parse(to), SpelledPitch.Parse(from)!.Value.Transpose(interval));
    }

    [Fact]
    public void NotaGen_key_indices_match_Key2index()
    {
        var expected = new Dictionary<string, int>
        {
            ["C"] = 0,
            ["C#"] = 1,
            ["Db"] = 1,
            ["D"] = 2,
            ["Eb"] = 3,
            ["E"] = 4,
            ["F"] = 5,
            ["F#"] = 6,
            ["Gb"] = 6,
            ["G"] = 7,
            ["Ab"] = 8,
            ["A"] = 9,
            ["Bb"] = 10,
            ["B"] = 11,
            ["Cb"] = 11,
        };
        Assert.Equal(expected.Keys.Order(), NotaGenKeys.All.Order());
        foreach (var (key, index) in expected)
            Assert.Equal(index, NotaGenKeys.IndexOf(key));
    }

    [Theory]
    [InlineData("Am", "C")]
    [InlineData("Amin", "C")]
    [InlineData("Ddor", "C")]
    [InlineData("Bbmix", "Eb")]
    [InlineData("F#min", "A")]
    [InlineData("G#m", "B")]
    [InlineData("Ebphr", "Cb")]
    [InlineData("Flyd", "C")]
    [InlineData("Bloc", "C")]
    [InlineData("none", "C")]
    public void Modes_stand_for_the_major_key_of_their_signature(string key, string signature)
    {
        Assert.Equal(signature, NotaGenKeys.SignatureKey(key).ToString());
    }
}
