using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Fields;

/// <summary>A parsed M: value. <c>C</c> = 4/4, <c>C|</c> = 2/2, <c>(2+3)/8</c> = 5/8, <c>none</c> = free meter.</summary>
public sealed record Meter(int Numerator, int Denominator, bool IsFree = false)
{
    public static readonly Meter CommonTime = new(4, 4);
    public static readonly Meter Free = new(4, 4, IsFree: true);

    /// <summary>The length of a full bar in whole notes.</summary>
    public Rational BarLength => new(Numerator, Denominator);

    public static Meter Parse(string value, out string? error)
    {
        error = null;
        var text = value.Trim();
        switch (text)
        {
            case "" or "none":
                return Free;
            case "C":
                return CommonTime;
            case "C|":
                return new Meter(2, 2);
        }
        var slash = text.LastIndexOf('/');
        if (slash > 0 && int.TryParse(text.AsSpan(slash + 1).Trim(), out var denominator) && denominator > 0 && denominator <= 1024)
        {
            var numeratorText = text[..slash].Trim().Trim('(', ')');
            var sum = 0;
            var valid = numeratorText.Length > 0;
            foreach (var part in numeratorText.Split('+', '.', ' '))
            {
                if (part.Length == 0)
                    continue;
                if (int.TryParse(part, out var n) && n >= 0 && n <= 1024)
                    sum += n;
                else
                    valid = false;
            }
            if (valid && sum > 0)
                return new Meter(sum, denominator);
        }
        error = $"meter '{text}' is not like 3/4, C, C| or none";
        return Free;
    }
}
