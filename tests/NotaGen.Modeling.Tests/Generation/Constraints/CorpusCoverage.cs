using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NotaGen.Generation.Constraints;
using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Modeling.Tests.Generation.Constraints;

/// <summary>
/// How far the structure constraint's language is from the model's training data: NotaGen's converter output
/// (<c>golden/xml2abc</c>) put in NotaGen's training form by the project's NotaGenFormat code, fed character by
/// character through the automaton (no model). A piece counts when every character is allowed and the end patch may
/// follow; a bar (body line) is checked on its own, after a header declaring its voices in the meter in force there
/// (the header's <c>M:</c> or the last inline <c>[M:]</c>), as a middle bar (first line: anacrusis rule; last: short-bar rule),
/// after a one-tick line leaving open the ties and slurs the piece's previous line leaves open (<see cref="OpenAtBarline"/>).
/// Each refusal gets a kind: what the syntax level refuses is a construct outside the grammar; what only the
/// structure level refuses is a bar length.
/// </summary>
internal sealed partial class CorpusCoverage
{
    private readonly Dictionary<string, int> _pieceKinds = [];
    private readonly Dictionary<string, int> _barKinds = [];
    private readonly Dictionary<string, string> _examples = [];

    public int Files { get; private set; }

    public int RejectedByCleaning { get; private set; }

    public int Pieces { get; private set; }

    public int PiecesAccepted { get; private set; }

    public int Bars { get; private set; }

    public int BarsAccepted { get; private set; }

    public IReadOnlyDictionary<string, int> PieceKinds => _pieceKinds;

    public IReadOnlyDictionary<string, int> BarKinds => _barKinds;

    /// <summary>Reads one xml2abc output file.</summary>
    public void Add(string abcFile)
    {
        Files++;
        string text;
        try
        {
            text = NotaGenText.FromStandardAbc(File.ReadAllText(abcFile), abcFile);
        }
        catch (MusicFormatException)
        {
            // Not in NotaGen's training data either (its cleaning or alignment check drops the piece).
            RejectedByCleaning++;
            return;
        }
        AddPiece(text);
    }

    /// <summary>Reads one piece already in NotaGen's training form.</summary>
    public void AddPiece(string text)
    {
        Pieces++;
        var refusal = Refusal(text, out var kind);
        if (refusal is null)
            PiecesAccepted++;
        else
            Count(_pieceKinds, kind!);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var body = lines.Where(l => l.StartsWith("[r:", StringComparison.Ordinal)).ToList();
        var meter = lines.FirstOrDefault(l => l.StartsWith("M:", StringComparison.Ordinal))?[2..] ?? "";
        var voices = body.SelectMany(l => VoiceTag().Matches(l).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).DefaultIfEmpty(1).Max();
        var carried = new OpenAtBarline();
        for (var i = 0; i < body.Count; i++)
        {
            Bars++;
            var barKind = BarRefusal(body[i], i, body.Count, meter, voices, carried);
            carried = carried.After(body[i]);
            if (barKind is null)
                BarsAccepted++;
            else
                Count(_barKinds, barKind);
            if (InlineMeter().Matches(body[i]) is { Count: > 0 } changes)
                meter = changes[^1].Groups[1].Value;
        }
    }

    /// <summary>The report: shares, then refusal kinds by frequency.</summary>
    public string Report(int top = 25)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"files {Files}, rejected by NotaGen's cleaning {RejectedByCleaning}, pieces {Pieces}");
        text.AppendLine(CultureInfo.InvariantCulture, $"pieces accepted whole: {PiecesAccepted}/{Pieces} ({Share(PiecesAccepted, Pieces)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"bars accepted (each on its own): {BarsAccepted}/{Bars} ({Share(BarsAccepted, Bars)})");
        text.AppendLine("first refused construct per piece:");
        foreach (var (kind, n) in _pieceKinds.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {n,6}  {Share(n, Pieces),6}  {kind}");
        text.AppendLine("refused bars by first refused construct:");
        foreach (var (kind, n) in _barKinds.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(top))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {n,6}  {Share(n, Bars),6}  {kind}");
        text.AppendLine("an example of each kind (the refused character in ⟨⟩):");
        foreach (var (kind, example) in _examples.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind}: {example}");
        return text.ToString();
    }

    private static string Share(int n, int of) => of == 0 ? "-" : (100.0 * n / of).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void Count(Dictionary<string, int> kinds, string kind) =>
        kinds[kind] = kinds.GetValueOrDefault(kind) + 1;

    /// <summary>Null when the whole piece is accepted and may end; otherwise the failing offset and its kind.</summary>
    private int? Refusal(string text, out string? kind)
    {
        var structure = new ScoreGrammar(ConstraintLevel.Structure).Start();
        if (structure.AdvanceText(text, out var failed))
        {
            Span<bool> allowed = stackalloc bool[128];
            structure.Allowed(0, allowed);
            kind = allowed[NotaGen.Tokenization.PatchVocabulary.Bos] ? null : "piece cannot end there";
            return kind is null ? null : text.Length;
        }
        var syntax = new ScoreGrammar(ConstraintLevel.Syntax).Start();
        kind = syntax.AdvanceText(text, out var syntaxFailed) || syntaxFailed > failed
            ? StructureKind(text, failed, Mode(structure))
            : Classify(text, syntaxFailed, Mode(syntax));
        Example(kind, text, failed);
        return failed;
    }

    // A body line after a synthetic header (voices 1…n, the meter in force) and, but for the first line, a one-tick
    // first line, so that the line is read as a middle (or the last) bar; that line leaves open the ties and slurs
    // the real previous line leaves open.
    private string? BarRefusal(string line, int index, int count, string meter, int voices, OpenAtBarline carried)
    {
        if (ScoreGrammar.MeterTicks(meter) is null)
            return $"meter M:{meter} outside the set";
        if (voices > ScoreGrammar.MaxVoices)
            return $"more than {ScoreGrammar.MaxVoices} voices";
        var content = line[(line.IndexOf(']', StringComparison.Ordinal) + 1)..] + "\n";
        var prefix = new StringBuilder("%%score");
        for (var v = 1; v <= voices; v++)
            prefix.Append(CultureInfo.InvariantCulture, $" {v}");
        prefix.Append(CultureInfo.InvariantCulture, $"\nL:1/8\nM:{meter}\nK:C\n");
        for (var v = 1; v <= voices; v++)
            prefix.Append(CultureInfo.InvariantCulture, $"V:{v} treble\n");
        prefix.Append(index == 0 ? (count == 1 ? "[r:0/0]" : "[r:0/1]")
            : index == count - 1 ? $"[r:0/1]{carried.OneTickLine()}\n[r:1/0]" : $"[r:0/2]{carried.OneTickLine()}\n[r:1/1]");
        var start = prefix.Length;
        var text = prefix.Append(content).ToString();

        var structure = new ScoreGrammar(ConstraintLevel.Structure).Start();
        if (structure.AdvanceText(text, out var failed))
            return null;
        if (failed < start)
            return "synthetic header refused (" + Mode(structure) + ")";
        var syntax = new ScoreGrammar(ConstraintLevel.Syntax).Start();
        var kind = syntax.AdvanceText(text, out var syntaxFailed) || syntaxFailed > failed
            ? StructureKind(text, failed, Mode(structure))
            : Classify(text, syntaxFailed, Mode(syntax));
        Example(kind, text, failed);
        return kind;
    }

    // The first text seen of each kind, the refused character marked with ⟨⟩.
    private void Example(string kind, string text, int at)
    {
        if (_examples.ContainsKey(kind))
            return;
        var start = Math.Max(0, at - 50);
        var end = Math.Min(text.Length, at + 20);
        _examples[kind] = (text[start..at] + "⟨" + text[at] + "⟩" + text[(at + 1)..end]).Replace("\n", "⏎", StringComparison.Ordinal);
    }

    private static string Mode(ScoreCursor cursor)
    {
        var describe = cursor.Describe();
        var end = describe.IndexOfAny([',', ' ']);
        return end < 0 ? describe : describe[..end];
    }

    // Only the structure level refuses: a bar length.
    private static string StructureKind(string text, int at, string mode)
    {
        var c = text[at];
        if (c == '|')
            return "bar length: barline before the bar is full (or voices of the first/last line differ)";
        if (c == '-')
            return "tie over the bar line (the tied note would not fit the bar)";
        if (mode == "BodyLineStart" || mode == "Literal")
            return "bar length: counter / line structure";
        if (mode is "TupletP" or "TupletColon" or "TupletQ" or "TupletSecondColon" or "TupletR" or "OpenParen")
            return "bar length: tuplet that does not fit";
        if (mode == "GraceNoteStart" || c == '{')
            return "bar length: grace group host too short";
        return "bar length: past the meter";
    }

    // Refused by the syntax level too: a construct outside the grammar.
    private static string Classify(string text, int at, string mode)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        var lineEnd = text.IndexOf('\n', at);
        var line = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
        var rest = text[at..(lineEnd < 0 ? text.Length : lineEnd)];
        var c = text[at];
        if (!line.StartsWith('['))
        {
            var field = line.StartsWith("%%score", StringComparison.Ordinal) ? "%%score" : line.Length >= 2 ? line[..2] : line;
            return $"header line {field} ({mode})";
        }
        if (mode == "ChordNoteStart" && text[at - 1] == '[' && at + 1 < text.Length && text[at + 1] == ':')
            return $"inline field [{c}:]";
        if (c == ')' && mode == "Element")
            return "slur closed across a bar line or after a rest / chord";
        if (mode is "CounterJ")
            return "bar counter (more than 256 bars?)";
        if (c is '>' or '<' && mode != "Decoration")
            return "broken rhythm";
        if (InlineFieldStart().Match(rest) is { Success: true } field1 && field1.Groups[1].Value != "V" && field1.Groups[1].Value != "r")
            return $"inline field [{field1.Groups[1].Value}:]";
        if (mode == "VoiceId" || rest.StartsWith("[V:", StringComparison.Ordinal))
            return "voice order (not ascending / undeclared / repeated)";
        if (mode == "Decoration")
        {
            var open = text.LastIndexOf('!', at - 1);
            var close = text.IndexOf('!', at);
            var name = close < 0 ? text[open..at] : text[open..(close + 1)];
            return $"decoration {name}";
        }
        if (mode == "Annotation")
            return text[at - 1] == '"' ? "chord symbol (quoted, not ^/_ annotation)" : "annotation text (long or odd characters)";
        if (c is ':' || rest.StartsWith("|:", StringComparison.Ordinal) || rest.StartsWith("[1", StringComparison.Ordinal)
            || rest.StartsWith("[2", StringComparison.Ordinal) || (mode == "Barline" && c is ':' or '1' or '2'))
            return "repeat barline / ending";
        if (mode == "Barline" || c == '|' && mode == "Element" && at + 1 < text.Length && text[at + 1] == '[')
            return $"barline {BarlineAt(text, at)}";
        if (mode == "ChordNoteStart" && (char.IsAsciiDigit(c) || c == '/'))
            return "length inside chord";
        if (mode == "GraceNoteStart" && (char.IsAsciiDigit(c) || c == '/'))
            return "length inside grace group";
        if (mode == "Length" && (char.IsAsciiDigit(c) || c == '/'))
            return "note length spelling outside the set";
        if (c == '-')
            return rest.Length > 1 && rest[1] is '|' or '\n' or ' ' ? "tie over the bar line (or before a space)" : "tie (after a chord / rest)";
        if (mode == "Literal" && text.LastIndexOf('-', at) > lineStart)
            return "tie to another pitch";
        if (mode == "Literal" && text[..at].EndsWith(']') && VoiceTag().IsMatch(text[Math.Max(0, at - 8)..at]))
            return "tie over the bar line not continued by the same spelling first";
        if (c == '.' || c is 'H' or 'T' or 'u' or 'v' or '~' or 'L' or 'M' or 'O' or 'P' or 'S' && mode == "Element")
            return $"shorthand decoration '{c}'";
        if (c == '!')
            return "decoration (too many / inside a tuplet)";
        if (c == '"')
            return "quoted string (too many / inside a tuplet)";
        if (c == ' ')
            return "space (double, leading, or inside a tuplet)";
        if (c is 'y' or 'Z' or 'X' or '&' or '\\' or '$')
            return $"'{c}' (spacer / multi-bar rest / overlay)";
        if (mode.StartsWith("Tuplet", StringComparison.Ordinal) || mode == "OpenParen")
            return $"tuplet or slur ('{c}' in {mode})";
        return $"'{c}' in {mode}";
    }

    private static string BarlineAt(string text, int at)
    {
        var start = at;
        while (start > 0 && text[start - 1] is '|' or ':' or ']' or '[')
            start--;
        var end = at;
        while (end < text.Length && text[end] is '|' or ':' or ']' or '[' or '1' or '2')
            end++;
        return text[start..end];
    }

    [GeneratedRegex(@"\[V:(\d+)\]")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"\[M:([^\]]*)\]")]
    private static partial Regex InlineMeter();

    [GeneratedRegex(@"^\[([A-Za-z]):")]
    private static partial Regex InlineFieldStart();
}
