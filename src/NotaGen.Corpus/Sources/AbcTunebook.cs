using System.Text;

namespace NotaGen.Corpus.Sources;

/// <summary>
/// Splits an ABC file into its tunes (each starts at an <c>X:</c> line) and gives single-voice tunes the numbered
/// voice NotaGen's format needs: folk tunes have no <c>V:</c> line, so a <c>V:1</c> goes after the header's <c>K:</c>.
/// </summary>
public static class AbcTunebook
{
    /// <summary>The tunes of <paramref name="text"/>, each with its own lines; text before the first X: is the file header and is dropped.</summary>
    public static IReadOnlyList<string> SplitTunes(string text)
    {
        var tunes = new List<string>();
        StringBuilder? current = null;
        foreach (var raw in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            if (raw.StartsWith("X:", StringComparison.Ordinal))
            {
                if (current is not null) tunes.Add(current.ToString());
                current = new StringBuilder();
            }
            current?.Append(raw).Append('\n');
        }
        if (current is not null) tunes.Add(current.ToString());
        // A file without X: lines is one tune.
        if (tunes.Count == 0 && text.Trim().Length > 0) tunes.Add(text);
        return tunes;
    }

    /// <summary>The first value of header field <paramref name="letter"/> (e.g. 'C' for the composer), or null.</summary>
    public static string? HeaderValue(string tune, char letter)
    {
        var prefix = letter + ":";
        foreach (var line in tune.Split('\n'))
        {
            if (line.StartsWith("K:", StringComparison.Ordinal) && letter != 'K') return null;
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[2..].Trim();
        }
        return null;
    }

    /// <summary>
    /// The tune with a <c>V:1</c> line after its first <c>K:</c> when it declares no voices; tunes with voices are
    /// returned unchanged.
    /// </summary>
    public static string WithNumberedVoice(string tune)
    {
        var lines = tune.Split('\n').ToList();
        if (lines.Any(line => line.StartsWith("V:", StringComparison.Ordinal)))
            return tune;
        var key = lines.FindIndex(line => line.StartsWith("K:", StringComparison.Ordinal));
        if (key < 0)
            return tune;
        lines.Insert(key + 1, "V:1");
        return string.Join("\n", lines);
    }
}
