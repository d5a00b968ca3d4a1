using System.Text;
using NotaGen.Generation.Constraints;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Continuation;

/// <summary>
/// Rewrites a piece in NotaGen's format into the form the constraint's grammar reads, changing no note, rest, length
/// or barline: a missing <c>%%score</c> line is written out (one staff per voice, as ABC lays out voices without one),
/// comment and directive lines are dropped from the header, and text and marks without duration are dropped from the
/// bars: chord symbols and annotations other than <c>"^…"</c>/<c>"_…"</c>, decorations outside
/// <see cref="ScoreGrammar.Decorations"/> and fermatas (the grammar takes a fermata only when every voice of the line
/// holds one at the same onset with the same length, which a prompt's bars need not do), and staccato
/// dots. What was dropped is counted and said.
/// </summary>
public static class PromptNormaliser
{
    /// <summary>The normalised text, and one line per kind of change with its count and the first bar it touched.</summary>
    public static (string Text, IReadOnlyList<string> Changes) Normalise(string piece)
    {
        var lines = DocumentLines.ForTraining(piece);
        var changes = new Changes();
        var header = new StringBuilder();
        var voices = lines.Header.Where(l => l.StartsWith("V:", StringComparison.Ordinal)).Select(VoiceId).ToList();
        var hasScore = lines.Header.Any(l => l.StartsWith("%%score", StringComparison.Ordinal));
        foreach (var line in lines.Header)
        {
            if (line.StartsWith("%%score", StringComparison.Ordinal))
            {
                var spaced = SpacedScoreLine(line);
                if (spaced != line)
                    changes.Add("spaced the %%score line's tokens as xml2abc writes them", null);
                header.Append(spaced);
            }
            else if (!line.StartsWith('%'))
            {
                // The score line goes right before L:, where xml2abc writes it.
                if (!hasScore && line.StartsWith("L:", StringComparison.Ordinal) && ScoreLine(voices) is { } score)
                {
                    header.Append(score);
                    changes.Add($"added '{score.TrimEnd()}' (one staff per voice, as without it)", null);
                }
                header.Append(line);
            }
            else
            {
                changes.Add("header comment or directive line", null);
            }
        }
        var body = new StringBuilder();
        for (var bar = 0; bar < lines.Body.Count; bar++)
            body.Append(NormaliseBar(lines.Body[bar], bar + 1, changes));
        return (header.Append(body).ToString(), changes.Lines());
    }

    private static string NormaliseBar(string line, int bar, Changes changes)
    {
        var text = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '[' && i + 2 < line.Length && char.IsAsciiLetter(line[i + 1]) && line[i + 2] == ':')
            {
                // An inline field ([r:], [V:], [K:] …) is copied whole.
                var close = line.IndexOf(']', i);
                var end = close < 0 ? line.Length : close + 1;
                text.Append(line, i, end - i);
                i = end - 1;
            }
            else if (c == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    text.Append(line, i, line.Length - i);
                    break;
                }
                var content = line[(i + 1)..close];
                if (content.Length > 0 && content[0] is '^' or '_')
                    text.Append(line, i, close + 1 - i);
                else
                    changes.Add(content.Length > 0 && content[0] is '<' or '>' or '@' ? "annotation" : "chord symbol", bar);
                i = close;
            }
            else if (c == '!')
            {
                var close = line.IndexOf('!', i + 1);
                if (close < 0)
                {
                    text.Append(line, i, line.Length - i);
                    break;
                }
                var name = line[(i + 1)..close];
                if (ScoreGrammar.Decorations.Contains(name) && name != "fermata")
                    text.Append(line, i, close + 1 - i);
                else
                    changes.Add($"decoration !{name}!", bar);
                i = close;
            }
            else if (c == '.' && i + 1 < line.Length && line[i + 1] != '|')
            {
                changes.Add("staccato dot", bar);
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    // "%%score (1 2) (3 4)" as "%%score ( 1 2 ) ( 3 4 )": the same groups, one space between tokens.
    private static string SpacedScoreLine(string line)
    {
        var tokens = new List<string>();
        var body = line["%%score".Length..].TrimEnd('\n');
        if (body.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '[' or ']' or '{' or '}' or '|')))
            return line;
        for (var i = 0; i < body.Length; i++)
        {
            if (char.IsAsciiDigit(body[i]))
            {
                var start = i;
                while (i + 1 < body.Length && char.IsAsciiDigit(body[i + 1]))
                    i++;
                tokens.Add(body[start..(i + 1)]);
            }
            else if (!char.IsWhiteSpace(body[i]))
            {
                tokens.Add(body[i].ToString());
            }
        }
        return "%%score " + string.Join(' ', tokens) + "\n";
    }

    private static string? VoiceId(string line)
    {
        var end = 2;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
            end++;
        return end > 2 ? line[2..end] : null;
    }

    // "%%score 1 2 … n" when the voices are numbered 1 … n in order (as xml2abc numbers them); otherwise nothing is added.
    private static string? ScoreLine(List<string?> voices)
    {
        if (voices.Count == 0)
            return null;
        for (var i = 0; i < voices.Count; i++)
        {
            if (voices[i] != (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                return null;
        }
        return "%%score " + string.Join(' ', voices) + "\n";
    }

    private sealed class Changes
    {
        private readonly List<(string Kind, int Count, int? FirstBar)> _changes = [];

        public void Add(string kind, int? bar)
        {
            var index = _changes.FindIndex(c => c.Kind == kind);
            if (index < 0)
                _changes.Add((kind, 1, bar));
            else
                _changes[index] = (kind, _changes[index].Count + 1, _changes[index].FirstBar);
        }

        public IReadOnlyList<string> Lines() => _changes
            .Select(c => c.Kind.StartsWith("added", StringComparison.Ordinal) ? c.Kind
                : c.Kind.StartsWith("spaced", StringComparison.Ordinal) ? c.Kind
                : $"dropped {c.Count} × {c.Kind}{(c.FirstBar is { } bar ? $" (first in bar {bar})" : "")}")
            .ToList();
    }
}
