using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Events;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Semantics;

/// <summary>
/// The play order of a tune's repeats and endings (ABC 2.1 §4.8 repeat/bar symbols, §4.9 variant endings), as
/// abc2midi plays them: <c>|:</c> … <c>:|</c> twice; an ending <c>[1</c> / <c>|2</c> / <c>[1,3</c> / <c>[1-2</c> is
/// played on the passes it names, and a repeat with endings is played as many times as its highest ending number.
/// A <c>:|</c> or ending without <c>|:</c> goes back to where abc2midi places the missing <c>|:</c>: the start of
/// the tune for the first repeat, later to just after the last <c>:|</c> or double bar (<c>||</c>, <c>|]</c>), so
/// that a movement's repeat starts at the movement's own start, not at the previous movement's last repeat.
/// An ending lasts until a repeat sign, the next ending or a double bar; a double bar inside an ending that a later
/// ending of the same repeat follows (<c>:|3 … || … :|4</c>) does not end it: the music up to the next ending is
/// that ending's (a MusicXML <c>&lt;ending&gt;</c> spans it).
/// The structure is read from the voice with the most repeat signs (xml2abc writes the same in every voice).
/// </summary>
public static class AbcRepeats
{
    /// <summary>Passes past this many are not played: an ending list like <c>[1-999</c> must not multiply a piece.</summary>
    public const int MaxPasses = 8;

    private sealed record Chunk(Rational Start, Rational End, IReadOnlySet<int>? Ending, bool EndsRepeat, bool StartsRepeat, bool EndsSection);

    /// <summary>The spans of notated time in play order; one span from 0 to the end when nothing repeats.</summary>
    public static IReadOnlyList<PlayedSpan> PlayOrder(AbcTuneSemantics semantics, Rational end)
    {
        ArgumentNullException.ThrowIfNull(semantics);
        var reference = semantics.Voices
            .Select(v => (Voice: v, Signs: v.Marks.Count(m => m.Element is AbcBarline { StartsRepeat: true } or AbcBarline { EndsRepeat: true } or AbcVolta or AbcBarline { Volta: not null })))
            .OrderByDescending(p => p.Signs)
            .FirstOrDefault();
        if (reference.Voice is null || reference.Signs == 0 || !end.IsPositive)
            return [new PlayedSpan(Rational.Zero, end)];
        var chunks = Chunks(reference.Voice.Marks, end);
        return Play(chunks);
    }

    /// <summary>The tune's events with repeats and endings played.</summary>
    public static ScoreEvents ToPlayedScoreEvents(this AbcTuneSemantics semantics)
    {
        var score = semantics.ToScoreEvents();
        return PlaybackOrder.Unfold(score, PlayOrder(semantics, score.End));
    }

    /// <summary>The tune's events with repeats and endings played.</summary>
    public static ScoreEvents ToPlayedScoreEvents(this AbcTune tune, string fileName = "<input>", CancellationToken cancel = default) =>
        AbcInterpreter.Interpret(tune, fileName, cancel).ToPlayedScoreEvents();

    /// <summary>Notated time cut at every repeat sign and ending, each piece knowing its ending and its closing signs.</summary>
    private static List<Chunk> Chunks(IReadOnlyList<AbcVoiceMark> marks, Rational end)
    {
        // (time, what happens there) in written order.
        var signs = new List<(Rational At, bool EndRepeat, bool StartRepeat, bool SectionEnd, IReadOnlySet<int>? Ending)>();
        foreach (var mark in marks)
        {
            switch (mark.Element)
            {
                case AbcBarline barline:
                    var section = barline.Symbol is "||" or "|]" or "[|" or "[|]";
                    signs.Add((mark.Onset, barline.EndsRepeat, barline.StartsRepeat, section, barline.Volta is { } v ? EndingNumbers(v) : null));
                    break;
                case AbcVolta volta:
                    signs.Add((mark.Onset, false, false, false, EndingNumbers(volta.Numbers)));
                    break;
            }
        }

        var chunks = new List<Chunk>();
        var start = Rational.Zero;
        IReadOnlySet<int>? ending = null;
        var i = 0;
        while (start < end)
        {
            // Everything written at one time: closing signs end the chunk, an ending starts the next.
            while (i < signs.Count && signs[i].At <= start)
                i++;
            var at = i < signs.Count ? Rational.Min(signs[i].At, end) : end;
            bool endsRepeat = false, startsRepeat = false, sectionEnd = false;
            IReadOnlySet<int>? next = null;
            for (; i < signs.Count && signs[i].At == at; i++)
            {
                endsRepeat |= signs[i].EndRepeat;
                startsRepeat |= signs[i].StartRepeat;
                sectionEnd |= signs[i].SectionEnd;
                next = signs[i].Ending is { Count: > 0 } numbers ? numbers : next;
            }
            chunks.Add(new Chunk(start, at, ending, endsRepeat, startsRepeat, sectionEnd));
            if (endsRepeat || startsRepeat || (sectionEnd && !(ending is not null && NextEndingFollows(signs, i, ending))))
                ending = null;
            if (next is not null)
                ending = next;
            start = at;
        }
        return chunks;
    }

    /// <summary>
    /// Whether the first repeat sign or ending from sign <paramref name="i"/> on starts a later ending of the repeat
    /// that <paramref name="current"/> belongs to (numbers above its own), so that a double bar before it stays inside
    /// the current ending.
    /// </summary>
    private static bool NextEndingFollows(
        List<(Rational At, bool EndRepeat, bool StartRepeat, bool SectionEnd, IReadOnlySet<int>? Ending)> signs, int i, IReadOnlySet<int> current)
    {
        for (; i < signs.Count; i++)
        {
            var sign = signs[i];
            if (sign.Ending is { Count: > 0 } next)
                return !sign.StartRepeat && next.Min() > current.Max();
            if (sign.StartRepeat)
                return false;
            if (sign.EndRepeat)
            {
                // ":|4" is written as one sign; ":| [4" as a repeat then an ending at the same time.
                var k = i + 1;
                while (k < signs.Count && signs[k].At == sign.At && signs[k].Ending is not { Count: > 0 })
                    k++;
                return k < signs.Count && signs[k].At == sign.At && signs[k].Ending!.Min() > current.Max();
            }
        }
        return false;
    }

    private static List<PlayedSpan> Play(List<Chunk> chunks)
    {
        var spans = new List<PlayedSpan>();
        var pass = 1;
        var repeatStart = 0;
        var inEnding = false;
        var repeatOpen = false; // a |: whose repeat is still to be played
        var repeated = false; // a repeat sign has been read: a later |: left out is placed at a double bar
        var lastRepeatEnd = -1; // the furthest :| read: double bars before it were read on the way there
        var budget = chunks.Count * (MaxPasses + 1);
        for (var j = 0; j < chunks.Count && budget-- > 0;)
        {
            var chunk = chunks[j];
            if (chunk.Ending is null && inEnding)
            {
                // Past the last ending of a repeat: a later :| goes back to here.
                inEnding = false;
                repeatOpen = false;
                pass = 1;
                repeatStart = j;
            }
            if (chunk.Ending is not null)
            {
                inEnding = true;
                if (!chunk.Ending.Contains(pass))
                {
                    j++;
                    continue;
                }
            }
            Add(spans, chunk);
            if (chunk.EndsRepeat)
            {
                repeated = true;
                lastRepeatEnd = Math.Max(lastRepeatEnd, j);
                if (pass < Passes(chunks, j))
                {
                    pass++;
                    j = repeatStart;
                    inEnding = false;
                    continue;
                }
                repeatOpen = false;
                if (chunk.Ending is null)
                {
                    pass = 1;
                    repeatStart = j + 1;
                }
            }
            if (chunk.StartsRepeat)
            {
                pass = 1;
                repeatStart = j + 1;
                inEnding = false;
                repeatOpen = repeated = true;
            }
            else if (chunk.EndsSection && !chunk.EndsRepeat && !repeatOpen && repeated && j > lastRepeatEnd && chunk.Ending is null && !inEnding)
            {
                // abc2midi places a missing |: at the last double bar (once a repeat has been read): a new section.
                pass = 1;
                repeatStart = j + 1;
            }
            j++;
        }
        return spans;
    }

    /// <summary>How often the repeat closing at chunk <paramref name="j"/> is played: its highest ending number, at least twice.</summary>
    private static int Passes(List<Chunk> chunks, int j)
    {
        var passes = 2;
        if (chunks[j].Ending is { Count: > 0 } own)
            passes = Math.Max(passes, own.Max());
        for (var k = j + 1; k < chunks.Count && chunks[k].Ending is { } ending; k++)
        {
            if (ending.Count > 0)
                passes = Math.Max(passes, ending.Max());
        }
        return Math.Min(passes, MaxPasses);
    }

    private static void Add(List<PlayedSpan> spans, Chunk chunk)
    {
        if (chunk.End <= chunk.Start)
            return;
        if (spans.Count > 0 && spans[^1].End == chunk.Start)
            spans[^1] = spans[^1] with { End = chunk.End };
        else
            spans.Add(new PlayedSpan(chunk.Start, chunk.End));
    }

    /// <summary>"1", "1,2", "1-3", "1.2" (ABC 2.1 §4.9): the passes an ending is played on, at most <see cref="MaxPasses"/>.</summary>
    public static IReadOnlySet<int> EndingNumbers(string text)
    {
        var numbers = new SortedSet<int>();
        foreach (var part in text.Split([',', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (!int.TryParse(range[0], out var from))
                continue;
            var to = range.Length > 1 && int.TryParse(range[1], out var t) ? t : from;
            for (var n = Math.Max(from, 1); n <= Math.Min(to, MaxPasses); n++)
                numbers.Add(n);
        }
        return numbers;
    }
}
