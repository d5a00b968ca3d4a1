using System.Globalization;
using System.Text.RegularExpressions;
using NotaGen.Testing;

namespace NotaGen.Music.Tests.Abc;

/// <summary>Runs the independent abc2midi (Debian abcmidi) and reads what it writes.</summary>
internal static partial class Abc2Midi
{
    /// <summary>
    /// abc2midi plays repeats (its bar list then revisits bars and records zero-length ones) and merges a short bar
    /// with the next one at a double bar. To compare plain bar durations fairly, the copy given to abc2midi has every
    /// repeat sign, double bar and volta number replaced by a plain bar line. Quoted chord symbols and annotations
    /// are removed too: abc2midi misreads the Roman-numeral analyses some corpora carry ("CV|HC}") as bar lines,
    /// and they take no time. Notes, rests and their lengths are untouched.
    /// </summary>
    public static string PlainBarlines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line[0] == '%' || (line.Length > 1 && line[1] == ':' && char.IsAsciiLetter(line[0])))
                continue;
            // Inline fields ([K:D] [V:2]) are kept as they are; only the music between them is simplified.
            var pieces = InlineField().Split(line);
            var fields = InlineField().Matches(line);
            var builder = new System.Text.StringBuilder();
            for (var p = 0; p < pieces.Length; p++)
            {
                builder.Append(Simplify(pieces[p]));
                if (p < fields.Count)
                    builder.Append(fields[p].Value);
            }
            lines[i] = builder.ToString();
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Removes what abc2midi performs rather than counts: decorations (it expands trills and rolls into notes that
    /// change bar lengths when tied), chord symbols and annotations; and makes every bar line plain.
    /// </summary>
    private static string Simplify(string music)
    {
        music = Quoted().Replace(music, "");
        music = Decoration().Replace(music, "");
        music = Shorthand().Replace(music, "");
        music = BarSymbol().Replace(music, "|");
        return VoltaStart().Replace(music, " ");
    }

    [GeneratedRegex(@"\[[A-Za-z]:[^\]]*\]")]
    private static partial Regex InlineField();

    [GeneratedRegex(@"![^!\s]*!|\+[^+\s]*\+")]
    private static partial Regex Decoration();

    [GeneratedRegex(@"[~H-Wh-w]")]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"\[\|\]|(?::*\[?\|+\]?:*|::)(?:[0-9][0-9,\-.]*)?")]
    private static partial Regex BarSymbol();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\[[0-9][0-9,\-.]*")]
    private static partial Regex VoltaStart();

    /// <summary>Per-voice bar durations from barloc.txt, in units of each bar's meter denominator (abc2midi's "time units").</summary>
    public static List<List<decimal>>? BarDurations(string abc2midi, string abcText, string workDirectory)
    {
        var input = Path.Combine(workDirectory, "tune.abc");
        File.WriteAllText(input, abcText);
        // Playback options off: -NFER (abc2midi lengthens fermata notes), -NGRA (grace notes steal time), -NGUI.
        ExternalTool.Run(abc2midi, [input, "-c", "-NFER", "-NGRA", "-NGUI"], workDirectory, TimeSpan.FromSeconds(60));
        var barloc = Path.Combine(workDirectory, "barloc.txt");
        if (!File.Exists(barloc))
            return null;
        var tracks = new List<List<decimal>>();
        foreach (var line in File.ReadLines(barloc))
        {
            if (line.StartsWith("track", StringComparison.Ordinal))
            {
                tracks.Add([]);
                continue;
            }
            foreach (var value in line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
                tracks[^1].Add(decimal.Parse(value, CultureInfo.InvariantCulture));
        }
        // Track 0 repeats the first voice when there are several tracks.
        return tracks.Count > 1 ? tracks.Skip(1).ToList() : tracks;
    }
}
