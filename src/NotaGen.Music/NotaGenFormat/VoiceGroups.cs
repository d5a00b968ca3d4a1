using System.Text;
using System.Text.RegularExpressions;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// Which voices share a staff, read from <c>%%score</c> as NotaGen's rest_unreduce does: each round-bracket group
/// <c>( 1 4 )</c> is one staff; every other declared voice is a staff of its own. The first voice of a staff shows its
/// rests (<c>z</c>), the others hide theirs (<c>x</c>) so the staff does not get two rests.
/// </summary>
public sealed partial record VoiceGroups(IReadOnlyList<IReadOnlyList<string>> Groups)
{
    /// <summary>True when the voice is the first of its staff (it rests with <c>z</c>, not <c>x</c>).</summary>
    public bool ShowsRests(string voiceId) => !Groups.Any(group => group.Skip(1).Contains(voiceId));

    /// <summary>
    /// Groups from a <c>%%score</c> line and the declared voices. Without <c>%%score</c> a tune with one declared voice
    /// is one staff; with several voices the staves are unknown and the result is null.
    /// </summary>
    public static VoiceGroups? FromHeader(IReadOnlyList<string> headerLines)
    {
        var scoreLine = headerLines.FirstOrDefault(line => line.StartsWith("%%score", StringComparison.Ordinal));
        var declared = headerLines.Count(line => line.StartsWith("V:", StringComparison.Ordinal));
        if (scoreLine is null && declared > 1)
            return null;
        var groups = new List<IReadOnlyList<string>>();
        foreach (Match round in RoundGroup().Matches(CloseBrackets(scoreLine ?? "")))
            groups.Add(round.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var grouped = groups.SelectMany(g => g).ToHashSet();
        foreach (var line in headerLines.Where(line => line.StartsWith("V:", StringComparison.Ordinal)))
        {
            var id = AbcLines.VoiceId(line);
            if (grouped.Add(id))
                groups.Add([id]);
        }
        return new VoiceGroups(groups);
    }

    /// <summary>
    /// Closes brackets a generated <c>%%score</c> line left open (Gradio's complete_brackets): a closing bracket pops
    /// its opener when it matches the innermost one; whatever is still open is closed at the end, innermost first.
    /// </summary>
    public static string CloseBrackets(string line)
    {
        var open = new Stack<char>();
        foreach (var c in line)
        {
            if (c is '(' or '[' or '{')
                open.Push(c);
            else if (c is ')' or ']' or '}' && open.Count > 0 && open.Peek() == Opener(c))
                open.Pop();
        }
        var closed = new StringBuilder(line);
        while (open.Count > 0)
            closed.Append(Closer(open.Pop()));
        return closed.ToString();
    }

    private static char Opener(char closer) => closer switch { ')' => '(', ']' => '[', _ => '{' };

    private static char Closer(char opener) => opener switch { '(' => ')', '[' => ']', _ => '}' };

    [GeneratedRegex(@"\((.*?)\)")]
    private static partial Regex RoundGroup();
}
