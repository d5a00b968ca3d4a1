using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NotaGen.Modeling.Tests.Generation.Constraints;

/// <summary>
/// What a body line of the training data leaves open at its barlines, per voice: a tie (with the tied note's
/// spelling) and slurs. <see cref="CorpusCoverage"/> checks each bar on its own after a synthetic one-tick line that
/// leaves the same things open, so that a bar continuing a tie or closing a slur of the previous bar is read as it is
/// in the piece.
/// </summary>
internal sealed partial class OpenAtBarline
{
    private readonly Dictionary<int, string> _ties = [];
    private readonly Dictionary<int, int> _slurs = [];

    /// <summary>The state after <paramref name="line"/>: its ties at barlines, slurs counted on from this state.</summary>
    public OpenAtBarline After(string line)
    {
        var next = new OpenAtBarline();
        foreach (var (voice, depth) in _slurs)
            next._slurs[voice] = depth;
        var tags = VoiceTag().Matches(line);
        for (var t = 0; t < tags.Count; t++)
        {
            var voice = int.Parse(tags[t].Groups[1].Value, CultureInfo.InvariantCulture);
            var start = tags[t].Index + tags[t].Length;
            var segment = line[start..(t + 1 < tags.Count ? tags[t + 1].Index : line.Length)];
            next._slurs[voice] = SlurDepth(segment, next._slurs.GetValueOrDefault(voice));
            if (TieAtBarline().Match(segment) is { Success: true } tie)
                next._ties[voice] = tie.Groups[1].Value;
        }
        return next;
    }

    /// <summary>
    /// A first line of one tick per voice with something open (voice 1 alone when none): <c>(</c> for a slur, the
    /// tied spelling and <c>-</c> for a tie.
    /// </summary>
    public string OneTickLine()
    {
        var voices = _ties.Keys.Concat(_slurs.Where(s => s.Value > 0).Select(s => s.Key)).Distinct().Order().ToList();
        if (voices.Count == 0)
            return "[V:1]z/8|";
        var line = new StringBuilder();
        foreach (var voice in voices)
        {
            line.Append(CultureInfo.InvariantCulture, $"[V:{voice}]");
            var slur = _slurs.GetValueOrDefault(voice) > 0;
            if (slur)
                line.Append('(');
            line.Append(_ties.TryGetValue(voice, out var spelling) ? spelling + "/8-" : slur ? "c/8" : "z/8");
            line.Append('|');
        }
        return line.ToString();
    }

    // Slurs opened minus closed, skipping quoted text, decorations and tuplet starts.
    private static int SlurDepth(string segment, int depth)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            switch (segment[i])
            {
                case '"' or '!':
                    var close = segment.IndexOf(segment[i], i + 1);
                    i = close < 0 ? segment.Length : close;
                    break;
                case '(' when i + 1 < segment.Length && char.IsAsciiDigit(segment[i + 1]):
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
        return depth;
    }

    [GeneratedRegex(@"\[V:(\d+)\]")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"((?:\^\^|__|\^|_|=)?[A-Ga-g][,']*)[0-9/]*-[|:\]]+$")]
    private static partial Regex TieAtBarline();
}
