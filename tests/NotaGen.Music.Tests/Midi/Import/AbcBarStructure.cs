using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Tests.Midi.Import;

/// <summary>
/// What a comparison by bars needs to know of an ABC tune beyond its notes: the order in which a player meets the
/// bars (repeats and first/second endings of the first voice taken: <c>|: … :|</c>, <c>::</c>, <c>|1 … :|2 …</c>,
/// <c>[1</c>; D.C. and D.S. are text and are not followed) and the bars where any voice writes a grace note or an
/// ornament (trill, turn, mordent, roll), whose notes a MIDI file plays and the ABC engine does not. Bars are counted
/// as the engine counts them: a bar line closes a bar only when a note, chord or rest came before it; <c>Z4</c> is four bars.
/// </summary>
internal sealed record AbcBarStructure(IReadOnlyList<int> PlayingOrder, int Written, IReadOnlySet<int> Ornamented)
{
    private static readonly HashSet<string> Ornaments = new(StringComparer.Ordinal)
    {
        "trill", "trill(", "trill)", "turn", "invertedturn", "turnx", "invertedturnx", "lowermordent", "uppermordent",
        "mordent", "pralltriller", "roll", "arpeggio",
    };

    private sealed class BarMarks
    {
        public bool StartsRepeat { get; set; }

        public bool EndsRepeat { get; set; }

        public IReadOnlySet<int>? Ending { get; set; }
    }

    /// <summary>One voice's walk: its bars so far and the state of the bar being read.</summary>
    private sealed class VoiceWalk
    {
        public List<BarMarks> Bars { get; } = [];

        public BarMarks Open { get; set; } = new();

        public bool HasContent { get; set; }

        public IReadOnlySet<int>? Ending { get; set; }

        public void Close(bool endsRepeat)
        {
            if (HasContent)
            {
                Open.Ending ??= Ending;
                Bars.Add(Open);
                Open = new BarMarks();
                HasContent = false;
            }
            if (endsRepeat && Bars.Count > 0)
                Bars[^1].EndsRepeat = true;
        }
    }

    public static AbcBarStructure Of(AbcTune tune)
    {
        var walks = new Dictionary<string, VoiceWalk>(StringComparer.Ordinal);
        string? first = null;
        VoiceWalk? walk = null;
        var ornamented = new HashSet<int>();

        VoiceWalk Switch(string value)
        {
            var id = value.Split(' ', 2)[0];
            first ??= id;
            if (!walks.TryGetValue(id, out var found))
                walks[id] = found = new VoiceWalk();
            return found;
        }

        foreach (var line in tune.Body)
        {
            if (line is AbcFieldLine { Letter: 'V' } field)
                walk = Switch(field.Value);
            if (line is not AbcMusicLine music)
                continue;
            walk ??= Switch("1");
            foreach (var element in music.Elements)
            {
                switch (element)
                {
                    case AbcInlineField { Letter: 'V' } inline:
                        walk = Switch(inline.Value);
                        break;
                    case AbcNote or AbcChord or AbcRest:
                        walk.HasContent = true;
                        break;
                    case AbcGraceGroup:
                        ornamented.Add(walk.Bars.Count);
                        break;
                    case AbcDecoration decoration when Ornaments.Contains(decoration.StandardName):
                        ornamented.Add(walk.Bars.Count);
                        break;
                    case AbcMultiMeasureRest multi:
                        for (var b = 1; b < multi.Bars; b++)
                        {
                            walk.HasContent = true;
                            walk.Close(false);
                        }
                        walk.HasContent = true;
                        break;
                    case AbcVolta volta:
                        walk.Ending = Numbers(volta.Numbers);
                        walk.Open.Ending = walk.Ending;
                        break;
                    case AbcBarline barline:
                        walk.Close(barline.EndsRepeat);
                        // An ending runs until a repeat ends it, a section ends, or the next ending starts.
                        if (barline.EndsRepeat || barline.StartsRepeat || barline.Symbol is "||" or "|]" or "[|")
                            walk.Ending = null;
                        if (barline.StartsRepeat)
                            walk.Open.StartsRepeat = true;
                        if (barline.Volta is { } numbers)
                        {
                            walk.Ending = Numbers(numbers);
                            walk.Open.Ending = walk.Ending;
                        }
                        break;
                }
            }
        }
        foreach (var w in walks.Values)
            w.Close(false);
        var bars = first is null ? [] : walks[first].Bars;
        return new AbcBarStructure(Play(bars), bars.Count, ornamented);
    }

    private static List<int> Play(List<BarMarks> bars)
    {
        var order = new List<int>();
        int start = 0, pass = 1, i = 0;
        var guard = bars.Count * 8; // a malformed structure must not loop forever
        while (i < bars.Count && order.Count < guard)
        {
            var bar = bars[i];
            if (bar.StartsRepeat && pass == 1)
                start = i;
            if (bar.Ending is { } skipUnless && !skipUnless.Contains(pass))
            {
                i++;
                continue;
            }
            order.Add(i);
            if (bar.EndsRepeat && pass < Passes(bars, start, i))
            {
                pass++;
                i = start;
                continue;
            }
            if (bar.EndsRepeat || (bar.Ending is not null && (i + 1 == bars.Count || bars[i + 1].Ending is null)))
            {
                pass = 1;
                start = i + 1;
            }
            i++;
        }
        return order;
    }

    /// <summary>How often the section from <paramref name="start"/> is played: once per ending number, twice without endings.</summary>
    private static int Passes(List<BarMarks> bars, int start, int end)
    {
        var most = 1;
        for (var b = start; b < bars.Count && (b <= end || bars[b].Ending is not null); b++)
        {
            if (bars[b].Ending is { } numbers)
                most = Math.Max(most, numbers.Max());
            else if (b > end)
                break;
        }
        return Math.Max(2, most);
    }

    private static HashSet<int> Numbers(string text)
    {
        var numbers = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length == 2 && int.TryParse(range[0], out var from) && int.TryParse(range[1], out var to) && to >= from && to - from < 16)
                numbers.UnionWith(Enumerable.Range(from, to - from + 1));
            else if (int.TryParse(part, out var n))
                numbers.Add(n);
        }
        return numbers.Count > 0 ? numbers : [1];
    }
}
