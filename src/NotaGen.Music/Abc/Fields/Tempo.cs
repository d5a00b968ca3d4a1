using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Fields;

/// <summary>
/// A parsed Q: value: <c>1/4=120</c>, <c>"Allegro" 1/4=120</c>, <c>3/8=60</c>, <c>1/4 1/8=60</c> (beats add up), or the
/// old form <c>120</c> (beats of the unit length, <see cref="Beat"/> null). <see cref="BeatsPerMinute"/> is null for text only.
/// </summary>
public sealed record Tempo(Rational? Beat, Rational? BeatsPerMinute, string? Text = null)
{
    public static Tempo Parse(string value, out string? error)
    {
        error = null;
        var rest = value.Trim();
        string? text = null;
        var quote = rest.IndexOf('"', StringComparison.Ordinal);
        while (quote >= 0)
        {
            var close = rest.IndexOf('"', quote + 1);
            if (close < 0)
            {
                error = $"unclosed quote in tempo '{value.Trim()}'";
                return new Tempo(null, null, rest);
            }
            text = (text is null ? "" : text + " ") + rest[(quote + 1)..close];
            rest = (rest[..quote] + " " + rest[(close + 1)..]).Trim();
            quote = rest.IndexOf('"', StringComparison.Ordinal);
        }
        if (rest.Length == 0)
            return new Tempo(null, null, text);
        var eq = rest.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            if (Rational.TryParse(rest, out var bpmOnly) && bpmOnly.IsPositive)
                return new Tempo(null, bpmOnly, text);
            error = $"tempo '{value.Trim()}' is not like 1/4=120";
            return new Tempo(null, null, text);
        }
        Rational beat = Rational.Zero;
        foreach (var part in rest[..eq].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Rational.TryParse(part, out var b) && b.IsPositive && b.Denominator <= 1024)
                beat += b;
            else if (part is not ("C" or "c"))
                error = $"tempo beat '{part}' is not a fraction like 1/4";
        }
        if (!Rational.TryParse(rest[(eq + 1)..].Trim(), out var bpm) || !bpm.IsPositive || bpm > 10000)
        {
            error = $"tempo '{value.Trim()}' needs a positive number of beats per minute after '='";
            return new Tempo(null, null, text);
        }
        return new Tempo(beat.IsZero ? new Rational(1, 4) : beat, bpm, text);
    }
}
