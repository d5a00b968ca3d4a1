using System.Text;
using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// Seeded mutations of valid scores (cut, duplicated, swapped and altered characters, digits blown up): the reader
/// must either convert or throw <see cref="MusicFormatException"/>, never anything else and never hang.
/// </summary>
public class MusicXmlFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Mutated_scores_convert_or_fail_with_a_music_format_error(int seed)
    {
        var random = new Random(seed);
        var sources = new[] { MusicXmlFixtures.Scale, MusicXmlFixtures.Piano };
        var converted = 0;
        var rejected = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = Mutate(sources[i % sources.Length], random);
            try
            {
                var abc = MusicXmlToAbc.Convert(MusicXmlLoader.Parse(text, "fuzz.musicxml"), "fuzz.musicxml").Abc;
                Assert.StartsWith("X:1", abc, StringComparison.Ordinal);
                converted++;
            }
            catch (MusicFormatException e)
            {
                Assert.StartsWith("fuzz.musicxml", e.Message, StringComparison.Ordinal);
                rejected++;
            }
        }
        Assert.True(converted > 0 && rejected > 0, $"mutations should both pass and fail: {converted} converted, {rejected} rejected");
    }

    private static string Mutate(string source, Random random)
    {
        var s = new StringBuilder(source);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && s.Length > 2; e++)
        {
            var at = random.Next(s.Length);
            switch (random.Next(5))
            {
                case 0:
                    s.Remove(at, Math.Min(random.Next(1, 40), s.Length - at));
                    break;
                case 1:
                    var len = Math.Min(random.Next(1, 80), s.Length - at);
                    s.Insert(random.Next(s.Length), s.ToString(at, len));
                    break;
                case 2:
                    s[at] = (char)random.Next(32, 127);
                    break;
                case 3:
                    // Blow up a number: the reader must refuse absurd values instead of allocating for them.
                    var digit = s.ToString().IndexOfAny("0123456789".ToCharArray(), at);
                    if (digit >= 0 && digit < s.Length)
                        s.Insert(digit, random.Next(2) == 0 ? "-" : "99999999");
                    break;
                default:
                    s.Insert(at, random.Next(3) switch { 0 => "<backup><duration>3</duration></backup>", 1 => "<chord/>", _ => "<forward><duration>1</duration></forward>" });
                    break;
            }
        }
        return s.ToString();
    }
}
