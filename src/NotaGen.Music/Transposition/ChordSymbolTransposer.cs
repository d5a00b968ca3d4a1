using System.Text;
using System.Text.RegularExpressions;

namespace NotaGen.Music.Transposition;

/// <summary>
/// Transposes a chord symbol's root and bass (<c>Am7/E</c> → <c>Cm7/G</c>), written with <c>#</c> and <c>b</c>;
/// the chord type between them is kept as written.
/// </summary>
public static partial class ChordSymbolTransposer
{
    /// <summary>The chord symbol (text between the quotes) transposed; text not starting with A-G is returned as is.</summary>
    public static string Transpose(string symbol, Interval interval) => Transpose(symbol, interval, out _);

    /// <inheritdoc cref="Transpose(string, Interval)"/>
    /// <param name="respelled">How many of root and bass needed more than two sharps or flats and moved to a neighbouring letter.</param>
    public static string Transpose(string symbol, Interval interval, out int respelled)
    {
        respelled = 0;
        var root = Root().Match(symbol);
        if (!root.Success)
            return symbol;
        var result = new StringBuilder();
        result.Append(Spell(root.Value, interval, ref respelled));
        var rest = symbol[root.Length..];
        var bass = Bass().Match(rest);
        if (bass.Success)
        {
            result.Append(rest, 0, bass.Groups[1].Index);
            result.Append(Spell(bass.Groups[1].Value, interval, ref respelled));
            result.Append(rest, bass.Groups[1].Index + bass.Groups[1].Length, rest.Length - bass.Groups[1].Index - bass.Groups[1].Length);
        }
        else
        {
            result.Append(rest);
        }
        return result.ToString();
    }

    private static string Spell(string note, Interval interval, ref int respelled)
    {
        var moved = SpelledPitch.Parse(note)!.Value.Transpose(interval);
        // More than two sharps or flats reads badly in a chord symbol: name the same sound on the next letter.
        if (Math.Abs(moved.Alteration) > 2)
            respelled++;
        while (Math.Abs(moved.Alteration) > 2)
            moved = moved.Transpose(new Interval(moved.Alteration > 0 ? 1 : -1, 0));
        return moved.ToString();
    }

    [GeneratedRegex("^[A-G](?:##?|bb?)?")]
    private static partial Regex Root();

    [GeneratedRegex("/([A-G](?:##?|bb?)?)")]
    private static partial Regex Bass();
}
