using NotaGen.Music.Abc.Fields;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Abc.Parsing;

/// <summary>
/// Reads ABC 2.1 text into an <see cref="AbcDocument"/>. Never throws for bad input: every problem becomes a
/// diagnostic with line and column, and the text around it is still read. <see cref="AbcDocument.ThrowIfErrors"/>
/// turns the errors into an <see cref="AbcParseException"/> for callers that want all-or-nothing.
/// </summary>
public static class AbcParser
{
    /// <param name="cancel">Checked as the text is read (every line, and every few thousand elements of a long
    /// line): a conversion given up on stops with <see cref="OperationCanceledException"/>.</param>
    public static AbcDocument Parse(string text, string fileName = "<input>", CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DocumentReader(text, fileName, cancel).Read();
    }

    /// <summary>Reads a file (UTF-8) and parses it; the diagnostics name the path as given.</summary>
    public static AbcDocument ParseFile(string path) => Parse(File.ReadAllText(path), path);

    private enum Section
    {
        FileHeader,
        TuneHeader,
        TuneBody,
        TuneTrailer,
    }

    private sealed class DocumentReader(string text, string fileName, CancellationToken cancel)
    {
        private readonly ReadOnlyMemory<char> memory = text.AsMemory();
        private readonly DiagnosticBag diagnostics = new(fileName);
        private readonly StringPool pool = new();
        private readonly List<AbcLine> fileHeader = [];
        private readonly List<AbcTune> tunes = [];
        private List<AbcLine> header = [], body = [], trailer = [];
        private int tuneStartLine = -1;
        private Section section;
        private bool hasReferenceFields;
        private int lineNumber;

        public AbcDocument Read()
        {
            // Text without any X: line (NotaGen's interleaved format, fragments) is one tune from the first line.
            hasReferenceFields = HasReferenceField(text);
            section = hasReferenceFields ? Section.FileHeader : Section.TuneHeader;
            if (section == Section.TuneHeader)
                tuneStartLine = 1;
            var offset = 0;
            while (offset < text.Length)
            {
                cancel.ThrowIfCancellationRequested();
                lineNumber++;
                var end = offset;
                while (end < text.Length && text[end] is not ('\n' or '\r'))
                    end++;
                var next = end;
                if (next < text.Length)
                    next += text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n' ? 2 : 1;
                ReadLine(offset, end, pool.Get(text.AsSpan(end, next - end)));
                offset = next;
            }
            CloseTune();
            return new AbcDocument(fileName, fileHeader, tunes, diagnostics.Items) { Source = memory };
        }

        private static bool HasReferenceField(string text)
        {
            for (var at = text.IndexOf("X:", StringComparison.Ordinal); at >= 0; at = text.IndexOf("X:", at + 1, StringComparison.Ordinal))
            {
                if (at == 0 || text[at - 1] is '\n' or '\r')
                    return true;
            }
            return false;
        }

        private AbcPosition PositionAt(int offset, int lineStart) => new(lineNumber, offset - lineStart + 1, offset);

        private void ReadLine(int start, int end, string ending)
        {
            var position = PositionAt(start, start);
            var source = memory[start..end];
            var span = text.AsSpan(start, end - start);
            if (span.IsWhiteSpace())
            {
                var blank = new AbcBlankLine(span.ToString()) { Position = position, Source = source, LineEnding = ending };
                // A blank line ends a tune; text without X: lines (one implicit tune) keeps reading music after it.
                if (section is Section.TuneHeader or Section.TuneBody && hasReferenceFields)
                    section = Section.TuneTrailer;
                Current().Add(blank);
                return;
            }

            if (IsFieldStart(span) && span[0] == 'X')
            {
                CloseTune();
                section = Section.TuneHeader;
                tuneStartLine = lineNumber;
            }

            AbcLine line;
            if (section is Section.TuneTrailer || (section is Section.FileHeader && !IsFieldStart(span) && span[0] != '%'))
                line = new AbcTextLine(span.ToString());
            else if (span.StartsWith("%%"))
                line = ReadDirective(span, position);
            else if (span[0] == '%')
                line = new AbcCommentLine(span[1..].ToString());
            else if (IsFieldStart(span) && !(section == Section.TuneBody && LooksLikeMusic(span)))
                line = ReadField(start, end);
            else
            {
                if (section == Section.TuneHeader)
                    section = Section.TuneBody; // music before K: (fragments): read it as music
                line = new AbcMusicLine(new AbcMusicLineParser(text, memory, start, end, lineNumber, diagnostics, pool, cancel).ParseLine());
            }

            line = line with { Position = position, Source = source, LineEnding = ending };
            Current().Add(line);
            if (line is AbcFieldLine { Letter: 'K' } && section == Section.TuneHeader)
                section = Section.TuneBody;
        }

        private List<AbcLine> Current() => section switch
        {
            Section.FileHeader => fileHeader,
            Section.TuneHeader => header,
            Section.TuneBody => body,
            _ => trailer,
        };

        /// <summary>A body line like <c>A:|B</c> or <c>G::</c> is a note before a repeat sign, not a field.</summary>
        private static bool LooksLikeMusic(ReadOnlySpan<char> span) =>
            span[0] is >= 'A' and <= 'G' && span.Length > 2 && span[2] is '|' or ':';

        private static bool IsFieldStart(ReadOnlySpan<char> span) =>
            span.Length >= 2 && span[1] == ':' && (char.IsAsciiLetter(span[0]) || span[0] == '+');

        private AbcDirectiveLine ReadDirective(ReadOnlySpan<char> span, AbcPosition position)
        {
            var rest = span[2..];
            var nameEnd = 0;
            while (nameEnd < rest.Length && !char.IsWhiteSpace(rest[nameEnd]))
                nameEnd++;
            var directive = new AbcDirectiveLine(rest[..nameEnd].ToString(), rest[nameEnd..].Trim().ToString());
            if (directive.Name is "score" or "staves")
            {
                ScoreLayout.Parse(directive.Arguments, out var error);
                if (error is not null)
                    diagnostics.Error(position, error);
            }
            return directive;
        }

        private AbcFieldLine ReadField(int start, int end)
        {
            var letter = text[start];
            var valueStart = start + 2;
            var commentStart = end;
            for (var j = valueStart; j < end; j++)
            {
                if (text[j] == '%' && text[j - 1] != '\\')
                {
                    commentStart = j;
                    break;
                }
            }
            while (commentStart < end && commentStart > valueStart && text[commentStart - 1] is ' ' or '\t')
                commentStart--;
            var field = new AbcFieldLine(letter, text[valueStart..commentStart], commentStart < end ? text[commentStart..end] : null);
            FieldValidator.Check(letter, field.Value, PositionAt(valueStart, start), diagnostics);
            return field;
        }

        private void CloseTune()
        {
            if (tuneStartLine < 0)
                return;
            var first = header.Count > 0 ? header[0] : body.Count > 0 ? body[0] : trailer.Count > 0 ? trailer[0] : null;
            if (first is not null)
                tunes.Add(new AbcTune(header, body, trailer) { Position = first.Position });
            header = [];
            body = [];
            trailer = [];
            tuneStartLine = -1;
        }
    }
}
