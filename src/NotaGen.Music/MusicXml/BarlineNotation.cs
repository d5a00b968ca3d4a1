using System.Globalization;
using System.Xml.Linq;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.MusicXml;

/// <summary>
/// The bar lines of a voice as MusicXML <c>&lt;barline&gt;</c> elements per measure: styles (<c>||</c> light-light,
/// <c>|]</c> light-heavy, <c>[|</c> heavy-light, <c>.|</c> dotted), repeats (<c>|:</c> forward on the left of the next
/// measure, <c>:|</c> backward on the right, <c>::</c> both) and endings (<c>|1</c>, <c>:|2</c>, <c>[1</c>): an ending
/// runs from the bar after its number to the next repeat end (type stop), or to a double bar, a repeat start or the next
/// ending (type discontinue), or else over one bar.
/// </summary>
internal static class BarlineNotation
{
    private sealed class Barline
    {
        public string? Style;
        public XElement? Ending;
        public string? Repeat;
    }

    /// <summary>Left and right bar lines of measures 0 .. <paramref name="measures"/> - 1 (null where plain).</summary>
    public static (XElement? Left, XElement? Right)[] ForVoice(AbcVoice voice, int measures)
    {
        // Boundary k lies before measure k (after measure k - 1).
        var symbols = new Dictionary<int, List<string>>();
        var voltas = new SortedDictionary<int, string>();
        foreach (var mark in voice.Marks)
        {
            switch (mark.Element)
            {
                case AbcBarline barline:
                    if (!symbols.TryGetValue(mark.Bar, out var list))
                        symbols[mark.Bar] = list = [];
                    list.Add(barline.Symbol);
                    if (barline.Volta is { } numbers)
                        voltas[mark.Bar] = numbers;
                    break;
                case AbcVolta volta:
                    voltas[mark.Bar] = volta.Numbers;
                    break;
            }
        }
        var left = new Barline?[measures];
        var right = new Barline?[measures];
        Barline Left(int m) => left[m] ??= new Barline();
        Barline Right(int m) => right[m] ??= new Barline();
        bool EndsRepeat(int k) => symbols.TryGetValue(k, out var s) && s.Any(x => x.StartsWith(':')) && !s.All(x => x == ":");
        bool StartsRepeat(int k) => symbols.TryGetValue(k, out var s) && s.Any(x => x.EndsWith(':') && x.Length > 1);

        foreach (var (k, list) in symbols)
        {
            if (k - 1 >= 0 && k - 1 < measures)
            {
                if (EndsRepeat(k))
                    (Right(k - 1).Style, Right(k - 1).Repeat) = ("light-heavy", "backward");
                else if (list.Contains("|]"))
                    Right(k - 1).Style = "light-heavy";
                else if (list.Contains("||"))
                    Right(k - 1).Style = "light-light";
                else if (list.Contains("[|"))
                    Right(k - 1).Style = "heavy-light";
                else if (list.Contains(".|"))
                    Right(k - 1).Style = "dotted";
            }
            if (k < measures && StartsRepeat(k))
                (Left(k).Style, Left(k).Repeat) = ("heavy-light", "forward");
        }

        foreach (var (k, text) in voltas)
        {
            if (k >= measures || Numbers(text) is not { } numbers)
                continue;
            Left(k).Ending = new XElement("ending", new XAttribute("number", numbers), new XAttribute("type", "start"), text.Trim() + ".");
            // The ending runs to the first terminator within eight bars (the end of the piece is one), else over one bar.
            var end = k;
            var type = "discontinue";
            for (var b = k + 1; b <= measures && b - k <= 8; b++)
            {
                if (!IsTerminator(b))
                    continue;
                end = b - 1;
                if (EndsRepeat(b))
                    type = "stop";
                break;
            }
            Right(end).Ending = new XElement("ending", new XAttribute("number", numbers), new XAttribute("type", type));
        }

        bool IsTerminator(int b)
        {
            var s = symbols.GetValueOrDefault(b) ?? [];
            return b == measures || EndsRepeat(b) || StartsRepeat(b) || voltas.ContainsKey(b) || s.Contains("||") || s.Contains("|]") || s.Contains("[|");
        }

        var result = new (XElement?, XElement?)[measures];
        for (var m = 0; m < measures; m++)
            result[m] = (Element(left[m], "left"), Element(right[m], "right"));
        return result;
    }

    private static XElement? Element(Barline? barline, string location)
    {
        if (barline is null)
            return null;
        var element = new XElement("barline", new XAttribute("location", location));
        if (barline.Style is { } style)
            element.Add(new XElement("bar-style", style));
        if (barline.Ending is { } ending)
            element.Add(ending);
        if (barline.Repeat is { } repeat)
            element.Add(new XElement("repeat", new XAttribute("direction", repeat)));
        return element;
    }

    /// <summary>"1", "1,3" or "1-3" as MusicXML's ending numbers ("1", "1, 3", "1, 2, 3"), or null.</summary>
    private static string? Numbers(string text)
    {
        var numbers = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length == 1 && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                numbers.Add(n);
            else if (range.Length == 2 && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                     && int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a > 0 && b >= a && b - a < 16)
                numbers.AddRange(Enumerable.Range(a, b - a + 1));
            else
                return null;
        }
        return numbers.Count == 0 ? null : string.Join(", ", numbers);
    }
}
