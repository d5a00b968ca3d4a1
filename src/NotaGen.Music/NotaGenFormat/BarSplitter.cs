using System.Text.RegularExpressions;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// Splits one voice's music text into bars with NotaGen's rules (abctoolkit <c>split_into_bars_and_barlines</c>):
/// split at <see cref="NotaGenBarlines"/>, drop blank pieces, collapse a barline repeated back to back, take a leading
/// run of pure inline fields as the prefix, and glue a volta number or <c>:</c> that follows a barline onto it
/// (<c>:|</c> + <c>:</c> → <c>:||:</c>-style, <c>|</c> + <c>1</c> → <c>|1</c>).
/// Two deliberate departures, both where abctoolkit loses music: text after the last barline becomes a final bar
/// with an empty right barline (abctoolkit drops it), and two different barlines with only space between them are
/// joined into one barline (abctoolkit shifts every later bar by one slot).
/// </summary>
public static partial class BarSplitter
{
    public static VoiceBars Split(string voiceText)
    {
        var parts = CleanParts(NotaGenBarlines.SplitKeepingBarlines(voiceText.Trim()));
        if (parts.Count == 0)
            return new VoiceBars("", "", []);

        var prefix = "";
        var leftBarline = "";
        var index = 0;
        if (NotaGenBarlines.IsBarline(parts[0]))
        {
            leftBarline = parts[0];
            index = 1;
        }
        else if (parts.Count > 1 && IsPureInlineFields(parts[0]))
        {
            prefix = parts[0].Trim();
            leftBarline = parts[1];
            index = 2;
        }

        var texts = new List<string>();
        var rights = new List<string>();
        while (index < parts.Count)
        {
            var part = parts[index];
            if (NotaGenBarlines.IsBarline(part))
            {
                // Adjacent different barlines: one barline sign as written ("|] |" → "|]|").
                if (rights.Count > 0)
                    rights[^1] += part;
                else
                    leftBarline += part;
                index++;
                continue;
            }

            var text = part.Trim().Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
            var affixLength = VoltaAffixLength(text);
            if (affixLength > 0 && (rights.Count > 0 || leftBarline.Length > 0))
            {
                var affix = text[..affixLength];
                text = text[affixLength..].Trim();
                if (rights.Count > 0)
                    rights[^1] += affix;
                else
                    leftBarline += affix;
            }

            texts.Add(text);
            rights.Add(index + 1 < parts.Count ? parts[index + 1] : "");
            index += 2;
        }

        var bars = new Bar[texts.Count];
        for (var i = 0; i < bars.Length; i++)
            bars[i] = new Bar(texts[i], rights[i]);
        return new VoiceBars(prefix, leftBarline, bars);
    }

    /// <summary>True when the text holds nothing but inline fields like <c>[K:D]</c> and spaces.</summary>
    public static bool IsPureInlineFields(string text) => InlineField().Replace(text, "").Trim().Length == 0;

    /// <summary>Removes inline fields (<c>[K:..]</c>, <c>[M:..]</c>, ...) but keeps chords like <c>[CEG]</c>.</summary>
    public static string RemoveInlineFields(string text) => InlineField().Replace(text, "");

    private static List<string> CleanParts(List<string> raw)
    {
        var parts = new List<string>(raw.Count);
        foreach (var part in raw)
        {
            if (part.Trim().Length == 0)
                continue;
            if (parts.Count > 0 && parts[^1] == part)
                continue; // a barline written twice in a row ("| |") counts once
            parts.Add(part);
        }
        return parts;
    }

    // NotaGen's rule: a bar text starting with a digit or ':' gives its leading run of "0-9,.-:" to the barline
    // before it. Its loop stops one short when the whole text is such characters; kept so bar texts match.
    private static int VoltaAffixLength(string text)
    {
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] == ':'))
            return 0;
        for (var k = 0; k < text.Length; k++)
            if (!IsVoltaChar(text[k]))
                return k;
        return text.Length - 1;
    }

    private static bool IsVoltaChar(char c) => char.IsAsciiDigit(c) || c is ',' or '.' or '-' or ':';

    [GeneratedRegex(@"\[[A-Za-z]:[^\]]*\]")]
    private static partial Regex InlineField();
}
