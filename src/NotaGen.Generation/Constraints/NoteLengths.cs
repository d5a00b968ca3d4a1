namespace NotaGen.Generation.Constraints;

/// <summary>
/// The note and rest lengths the structure constraint lets a note carry, with <c>L:1/8</c>, counted in ticks of
/// L/8 (a 64th note): plain values from a 64th to a whole note, dotted values from a dotted 32nd, double-dotted from
/// a double-dotted 16th — every one a single engravable note (abcm2ps: no "Note too much dotted"). Since 1 tick is
/// among them, any whole number of ticks left in a bar can always be written, which keeps every bar completable.
/// Spellings are xml2abc's: <c>""</c> for L, <c>2</c>, <c>3/2</c>, <c>/</c>, <c>/4</c>, <c>7/4</c>.
/// </summary>
internal static class NoteLengths
{
    /// <summary>Ticks per unit note length L.</summary>
    public const int TicksPerUnit = 8;

    public static readonly int[] Values = [1, 2, 3, 4, 6, 7, 8, 12, 14, 16, 24, 28, 32, 48, 56, 64, 96, 112];

    public static readonly StringTrie Trie = new(Values.Select(v => (Spelling(v), v)));

    /// <summary>Per trie node: the smallest value a spelling at or below it has.</summary>
    public static readonly int[] MinimumBelow = Trie.SubtreeValues().Select(v => v.Length == 0 ? int.MaxValue : v[0]).ToArray();

    /// <summary>Per trie node: every value a spelling at or below it has, ascending.</summary>
    public static readonly int[][] ValuesBelow = Trie.SubtreeValues();

    /// <summary>The spelling xml2abc writes for a length of <paramref name="ticks"/>.</summary>
    public static string Spelling(int ticks)
    {
        if (ticks % TicksPerUnit == 0)
            return ticks == TicksPerUnit ? "" : (ticks / TicksPerUnit).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var gcd = Gcd(ticks, TicksPerUnit);
        var (numerator, denominator) = (ticks / gcd, TicksPerUnit / gcd);
        return numerator == 1 ? (denominator == 2 ? "/" : "/" + denominator) : $"{numerator}/{denominator}";
    }

    /// <summary>True for the characters a length is spelled with.</summary>
    public static bool IsLengthChar(int c) => c is >= '0' and <= '9' or '/';

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
