using System.Text.RegularExpressions;

namespace NotaGen.Tokenization;

/// <summary>
/// Cuts a tune-body line into voice-bar segments the way NotaGen's bar-stream patching does (reference c): at the
/// barlines <c>|:</c> <c>::</c> <c>:|</c> <c>[|</c> <c>||</c> <c>|]</c> <c>|</c> (tried in that order at each
/// position), each barline glued to the text that follows it, the text before the first barline standing alone, and a
/// final piece without a letter <c>V</c> (the closing barline and the newline) appended to the piece before it.
/// Concatenating the segments always gives the line back.
/// </summary>
public static partial class BarSegmenter
{
    // Alternation order matters: at one position the first alternative that matches wins, as in Python's re.
    [GeneratedRegex(@"\|:|::|:\||\[\||\|\||\|\]|\|", RegexOptions.CultureInvariant)]
    private static partial Regex Barline();

    public static IReadOnlyList<string> Split(string line)
    {
        var segments = new List<string>();
        var matches = Barline().Matches(line);
        if (matches.Count == 0)
        {
            if (line.Length > 0)
                segments.Add(line);
            return segments;
        }

        if (matches[0].Index > 0)
            segments.Add(line[..matches[0].Index]);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : line.Length;
            segments.Add(line[start..end]);
        }

        // NotaGen keeps "|\n" with the voice-bar it closes instead of making it a patch of its own.
        if (segments.Count > 1 && !segments[^1].Contains('V'))
        {
            segments[^2] += segments[^1];
            segments.RemoveAt(segments.Count - 1);
        }
        return segments;
    }
}
