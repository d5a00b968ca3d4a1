using NotaGen.Music.Abc.Syntax;
using NotaGen.Music.Time;

namespace NotaGen.Music.Abc.Parsing;

/// <summary>
/// Reads one line of ABC music into elements. Every character of the line ends up in exactly one element (spaces and
/// unreadable text included), so writing the elements back gives the line again. Problems are reported and skipped:
/// the reader always moves forward, so it ends on any input.
/// </summary>
internal sealed class AbcMusicLineParser
{
    private const int MaxDigits = 6; // longer numbers are errors, so lengths stay far from overflow

    private readonly string text;
    private readonly ReadOnlyMemory<char> memory;
    private readonly int lineStart;
    private readonly int lineEnd;
    private readonly int lineNumber;
    private readonly DiagnosticBag diagnostics;
    private readonly StringPool pool;
    private readonly CancellationToken cancel;
    private int i;

    /// <summary>Elements read between two looks at the cancellation token (a line may hold a whole piece).</summary>
    private const int CancellationStride = 4096;

    public AbcMusicLineParser(string text, ReadOnlyMemory<char> memory, int lineStart, int lineEnd, int lineNumber, DiagnosticBag diagnostics, StringPool pool, CancellationToken cancel = default)
    {
        this.pool = pool;
        this.cancel = cancel;
        this.text = text;
        this.memory = memory;
        this.lineStart = lineStart;
        this.lineEnd = lineEnd;
        this.lineNumber = lineNumber;
        this.diagnostics = diagnostics;
        i = lineStart;
    }

    public List<AbcElement> ParseLine()
    {
        var elements = new List<AbcElement>();
        while (i < lineEnd)
        {
            var start = i;
            var element = ParseElement();
            if (i == start)
                throw new InvalidOperationException("The ABC line reader did not advance."); // a bug, not bad input
            elements.Add(element);
            if (elements.Count % CancellationStride == 0)
                cancel.ThrowIfCancellationRequested();
        }
        return elements;
    }

    private string Pooled(int from, int to) => pool.Get(text.AsSpan(from, to - from));

    private char Peek(int ahead = 0) => i + ahead < lineEnd ? text[i + ahead] : '\0';

    private AbcPosition PositionAt(int offset) => new(lineNumber, offset - lineStart + 1, offset);

    private void Error(int offset, string message) => diagnostics.Error(PositionAt(offset), message);

    private AbcElement ParseElement()
    {
        var start = i;
        var c = text[i];
        switch (c)
        {
            case ' ' or '\t' or '`':
                while (i < lineEnd && text[i] is ' ' or '\t' or '`')
                    i++;
                return new AbcSpace(Pooled(start, i)) { Position = PositionAt(start), Source = memory[start..i] };
            case '%':
                i = lineEnd;
                return new AbcComment(text[start..i]) { Position = PositionAt(start), Source = memory[start..i] };
            case '\\':
                return ParseContinuation();
            case '"':
                return ParseAnnotation();
            case '!':
                return ParseDelimitedDecoration('!', AbcDecorationStyle.Bang);
            case '+':
                return ParseDelimitedDecoration('+', AbcDecorationStyle.Plus);
            case '[':
                return ParseBracket();
            case '{':
                return ParseGraceGroup();
            case '(':
                return ParseParenthesis();
            case ')':
                i++;
                return new AbcSlur(Opening: false) { Position = PositionAt(start), Source = memory[start..i] };
            case '&':
                i++;
                if (Peek() == ')')
                    i++;
                return new AbcOverlay(Pooled(start, i)) { Position = PositionAt(start), Source = memory[start..i] };
            case '>' or '<':
                {
                    var count = 0;
                    while (i < lineEnd && text[i] == c && count < 3)
                    {
                        i++;
                        count++;
                    }
                    return new AbcBrokenRhythm(c == '>', count) { Position = PositionAt(start), Source = memory[start..i] };
                }
            case '-':
                i++;
                return new AbcTie() { Position = PositionAt(start), Source = memory[start..i] };
            case '.':
                if (Peek(1) == '-')
                {
                    i += 2;
                    return new AbcTie(Dotted: true) { Position = PositionAt(start), Source = memory[start..i] };
                }
                if (Peek(1) == '|')
                    return ParseBarline();
                i++;
                return new AbcDecoration(".", AbcDecorationStyle.Shorthand) { Position = PositionAt(start), Source = memory[start..i] };
            case '~':
                i++;
                return new AbcDecoration("~", AbcDecorationStyle.Shorthand) { Position = PositionAt(start), Source = memory[start..i] };
            case '|':
                return ParseBarline();
            case ':':
                if (Peek(1) is '|' or ':')
                    return ParseBarline();
                return ParseUnknown("a ':' outside a repeat sign");
            case '^' or '_' or '=':
                return ParseNote();
            case 'z' or 'x':
                i++;
                return new AbcRest(c == 'x', ParseLength()) { Position = PositionAt(start), Source = memory[start..i] };
            case 'Z' or 'X':
                {
                    i++;
                    var bars = 1;
                    if (char.IsAsciiDigit(Peek()))
                        bars = ReadNumber() ?? 1;
                    return new AbcMultiMeasureRest(c == 'X', bars) { Position = PositionAt(start), Source = memory[start..i] };
                }
            case 'y':
                i++;
                SkipLengthText();
                return new AbcSpacer(text[start..i]) { Position = PositionAt(start), Source = memory[start..i] };
            case '$':
                i++;
                return new AbcSpacer("$") { Position = PositionAt(start), Source = memory[start..i] };
            case ']':
                return ParseUnknown("a ']' without a matching '['");
        }
        if (char.IsAsciiLetter(c))
        {
            if (c is >= 'A' and <= 'G' or >= 'a' and <= 'g')
                return ParseNote();
            if (c is >= 'H' and <= 'W' or >= 'h' and <= 'w')
            {
                i++;
                return new AbcDecoration(Pooled(start, start + 1), AbcDecorationStyle.Shorthand) { Position = PositionAt(start), Source = memory[start..i] };
            }
        }
        return ParseUnknown(DescribeUnexpected(c));
    }

    private static string DescribeUnexpected(char c) => char.IsAsciiDigit(c)
        ? $"a number '{c}' that belongs to no note"
        : c is < ' ' or > '~' ? $"unexpected character U+{(int)c:X4}" : $"unexpected character '{c}'";

    /// <summary>Consumes a run of characters no element starts with, reporting them once.</summary>
    private AbcElement ParseUnknown(string problem)
    {
        var start = i;
        Error(start, problem);
        i++;
        while (i < lineEnd && IsUnexpected(text[i]))
            i++;
        return new AbcUnknown(text[start..i]) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private static bool IsUnexpected(char c) =>
        c is '#' or ';' or '?' or '*' or '@' or '/' or '\'' or ',' or '}' or ']' || char.IsAsciiDigit(c) || c > '~' || c < ' ' && c != '\t';

    private AbcElement ParseContinuation()
    {
        var start = i;
        i++;
        var rest = i;
        while (rest < lineEnd && text[rest] is ' ' or '\t')
            rest++;
        if (rest < lineEnd && text[rest] != '%')
        {
            i = start;
            return ParseUnknown("a '\\' that does not end the line (line continuation must be last)");
        }
        return new AbcContinuation() { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcElement ParseAnnotation()
    {
        var start = i;
        var j = i + 1;
        while (j < lineEnd && text[j] != '"')
            j += text[j] == '\\' && j + 1 < lineEnd ? 2 : 1;
        if (j >= lineEnd)
        {
            Error(start, "unclosed annotation '\"' (the closing quote must be on the same line)");
            i = lineEnd;
            return new AbcUnknown(text[start..i]) { Position = PositionAt(start), Source = memory[start..i] };
        }
        i = j + 1;
        return new AbcAnnotation(text[(start + 1)..j]) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcElement ParseDelimitedDecoration(char delimiter, AbcDecorationStyle style)
    {
        var start = i;
        var j = i + 1;
        while (j < lineEnd && text[j] != delimiter && text[j] is not (' ' or '\t'))
            j++;
        if (j >= lineEnd || text[j] != delimiter || j == start + 1)
        {
            Error(start, $"unclosed decoration '{delimiter}' (write {delimiter}name{delimiter})");
            i++;
            return new AbcUnknown(delimiter.ToString()) { Position = PositionAt(start), Source = memory[start..i] };
        }
        i = j + 1;
        return new AbcDecoration(Pooled(start + 1, j), style) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcElement ParseBracket()
    {
        var start = i;
        var next = Peek(1);
        if (next == '|')
            return ParseBarline();
        if (char.IsAsciiDigit(next))
        {
            i++;
            ReadVoltaNumbers();
            return new AbcVolta(text[(start + 1)..i]) { Position = PositionAt(start), Source = memory[start..i] };
        }
        if (char.IsAsciiLetter(next) && Peek(2) == ':')
            return ParseInlineField();
        return ParseChord();
    }

    private AbcElement ParseInlineField()
    {
        var start = i;
        var close = text.IndexOf(']', i, lineEnd - i);
        if (close < 0)
        {
            Error(start, $"unclosed inline field '[{text[i + 1]}:' (missing ']')");
            i = lineEnd;
            return new AbcUnknown(text[start..i]) { Position = PositionAt(start), Source = memory[start..i] };
        }
        i = close + 1;
        var value = text[(start + 3)..close];
        FieldValidator.Check(text[start + 1], value, PositionAt(start + 3), diagnostics);
        return new AbcInlineField(text[start + 1], value) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcElement ParseChord()
    {
        var start = i;
        i++;
        var items = ParseGroupItems(']', c => c switch
        {
            ' ' or '\t' => ParseElement(),
            '^' or '_' or '=' or (>= 'A' and <= 'G') or (>= 'a' and <= 'g') => ParseNote(),
            '!' or '+' or '"' or '.' or '~' or '-' or '(' or ')' or 'z' or 'x' => ParseElement(),
            >= 'H' and <= 'W' or >= 'h' and <= 'w' => ParseElement(),
            _ => null,
        }, out var closed);
        if (!closed)
            Error(start, "unclosed chord '['");
        if (!items.Exists(item => item is AbcNote))
            Error(start, "a chord without notes");
        var length = closed ? ParseLength() : AbcLength.One;
        return new AbcChord(items, length) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcElement ParseGraceGroup()
    {
        var start = i;
        i++;
        var acciaccatura = false;
        if (Peek() == '/')
        {
            acciaccatura = true;
            i++;
        }
        var items = ParseGroupItems('}', c => c switch
        {
            '^' or '_' or '=' or (>= 'A' and <= 'G') or (>= 'a' and <= 'g') => ParseNote(),
            ' ' or '\t' or '`' or '!' or '+' or '"' or '.' or '~' or '-' or '(' or ')' or '<' or '>' or 'z' or 'x' => ParseElement(),
            '[' when Peek(1) is not '|' => ParseBracket(),
            >= 'H' and <= 'W' or >= 'h' and <= 'w' => ParseElement(),
            _ => null,
        }, out var closed);
        if (!closed)
            Error(start, "unclosed grace notes '{'");
        return new AbcGraceGroup(acciaccatura, items) { Position = PositionAt(start), Source = memory[start..i] };
    }

    /// <summary>
    /// The elements of a bracketed group (chord, grace notes) up to <paramref name="close"/> on this line. Stops early at
    /// a character the group cannot hold (<paramref name="itemAt"/> gives null) or one that consumes nothing, so a
    /// broken group never loops; the caller reports the missing bracket.
    /// </summary>
    private List<AbcElement> ParseGroupItems(char close, Func<char, AbcElement?> itemAt, out bool closed)
    {
        var items = new List<AbcElement>();
        closed = false;
        while (i < lineEnd)
        {
            if (text[i] == close)
            {
                i++;
                closed = true;
                break;
            }
            var itemStart = i;
            var item = itemAt(text[i]);
            if (item is null)
                break;
            items.Add(item);
            if (i == itemStart)
                break;
        }
        return items;
    }

    private AbcElement ParseParenthesis()
    {
        var start = i;
        i++;
        if (Peek() == '&')
        {
            i++;
            return new AbcOverlay("(&") { Position = PositionAt(start), Source = memory[start..i] };
        }
        if (!char.IsAsciiDigit(Peek()))
            return new AbcSlur(Opening: true) { Position = PositionAt(start), Source = memory[start..i] };
        var p = ReadNumber() ?? 3;
        int? q = null, r = null;
        if (Peek() == ':')
        {
            i++;
            if (char.IsAsciiDigit(Peek()))
                q = ReadNumber();
            if (Peek() == ':')
            {
                i++;
                if (char.IsAsciiDigit(Peek()))
                    r = ReadNumber();
            }
        }
        // xml2abc writes degenerate forms like (1:1:3 for tuplet brackets around single notes; they are valid to
        // read, and the semantics treat a zero count as "no change of time".
        return new AbcTuplet(p, q, r) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcElement ParseBarline()
    {
        var start = i;
        if (Peek() == '.')
        {
            i += 2; // ".|"
        }
        else
        {
            while (Peek() == ':')
                i++;
            if (Peek() == '[' && Peek(1) == '|')
            {
                i += 2;
                if (Peek() == ']')
                    i++;
            }
            while (Peek() == '|')
                i++;
            if (Peek() == ']' && text[i - 1] == '|')
                i++;
            while (Peek() == ':')
                i++;
            // ":|]" style endings and "||" after "[|" are already taken above; a "[|" right after "|]" starts a new bar line.
        }
        var symbol = Pooled(start, i);
        string? volta = null;
        if (char.IsAsciiDigit(Peek()) && symbol != "[|]")
        {
            var voltaStart = i;
            ReadVoltaNumbers();
            volta = Pooled(voltaStart, i);
        }
        return new AbcBarline(symbol, volta) { Position = PositionAt(start), Source = memory[start..i] };
    }

    /// <summary>Volta lists: 1, 1,2, 1-3, 1.2 (digits separated by , - or .).</summary>
    private void ReadVoltaNumbers()
    {
        while (char.IsAsciiDigit(Peek()) || (Peek() is ',' or '-' or '.' && char.IsAsciiDigit(Peek(1))))
            i++;
    }

    private AbcElement ParseNote()
    {
        var start = i;
        var accidental = ReadAccidental();
        var c = Peek();
        if (c is not (>= 'A' and <= 'G' or >= 'a' and <= 'g'))
        {
            Error(start, $"accidental '{text[start..i]}' without a note after it");
            return new AbcUnknown(text[start..i]) { Position = PositionAt(start), Source = memory[start..i] };
        }
        i++;
        var octave = c >= 'a' ? 1 : 0;
        while (i < lineEnd && text[i] is '\'' or ',')
        {
            octave += text[i] == '\'' ? 1 : -1;
            i++;
        }
        var pitch = new AbcPitch(accidental, char.ToUpperInvariant(c), octave);
        return new AbcNote(pitch, ParseLength()) { Position = PositionAt(start), Source = memory[start..i] };
    }

    private AbcAccidental ReadAccidental()
    {
        var start = i;
        var c = Peek();
        if (c == '=')
        {
            i++;
            return new AbcAccidental(AbcAccidentalKind.Natural);
        }
        if (c is not ('^' or '_'))
            return AbcAccidental.None;
        i++;
        var doubled = Peek() == c;
        if (doubled)
            i++;
        if (char.IsAsciiDigit(Peek()) || Peek() == '/')
        {
            // ^/ ^3/2 _/ ...: microtonal. Kept as written; the semantics refuse it rather than round it.
            while (char.IsAsciiDigit(Peek()) || Peek() == '/')
                i++;
            return new AbcAccidental(AbcAccidentalKind.Microtonal, text[start..i]);
        }
        return c == '^'
            ? new AbcAccidental(doubled ? AbcAccidentalKind.DoubleSharp : AbcAccidentalKind.Sharp)
            : new AbcAccidental(doubled ? AbcAccidentalKind.DoubleFlat : AbcAccidentalKind.Flat);
    }

    /// <summary>Reads a length multiplier: digits, then '/' with digits or more slashes.</summary>
    private AbcLength ParseLength()
    {
        var start = i;
        long numerator = 1, denominator = 1;
        if (char.IsAsciiDigit(Peek()))
            numerator = ReadNumber() ?? 1;
        if (Peek() == '/')
        {
            i++;
            if (char.IsAsciiDigit(Peek()))
            {
                denominator = ReadNumber() ?? 1;
            }
            else
            {
                denominator = 2;
                while (Peek() == '/' && denominator < 1 << 20)
                {
                    denominator *= 2;
                    i++;
                }
            }
        }
        if (start == i)
            return AbcLength.One;
        if (denominator == 0)
        {
            Error(start, $"length '{text[start..i]}' divides by zero");
            denominator = 1;
        }
        if (numerator == 0)
            Error(start, $"length '{text[start..i]}' is zero");
        return new AbcLength(new Rational(numerator, denominator));
    }

    private void SkipLengthText()
    {
        while (char.IsAsciiDigit(Peek()) || Peek() == '/')
            i++;
    }

    /// <summary>Reads digits; null (and an error) when the number is implausibly long.</summary>
    private int? ReadNumber()
    {
        var start = i;
        while (char.IsAsciiDigit(Peek()))
            i++;
        if (i - start > MaxDigits)
        {
            Error(start, $"number '{text[start..i]}' is too large");
            return null;
        }
        return int.Parse(text.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture);
    }
}
