using System.Text;
using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Abc.Writing;

/// <summary>
/// Writes syntax back to ABC text. A node still holding its source text (not edited since parsing) is written
/// verbatim, so an unmodified document gives back exactly the text it was parsed from; an edited or built node
/// is written in canonical ABC 2.1 spelling, its unedited children still verbatim.
/// </summary>
public static class AbcWriter
{
    public static string Write(AbcDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var builder = new StringBuilder(document.Source.Length > 0 ? document.Source.Length : 1024);
        WriteLines(builder, document.FileHeader);
        foreach (var tune in document.Tunes)
            WriteTune(builder, tune);
        return builder.ToString();
    }

    public static string Write(AbcTune tune)
    {
        var builder = new StringBuilder();
        WriteTune(builder, tune);
        return builder.ToString();
    }

    public static string Write(AbcLine line)
    {
        var builder = new StringBuilder();
        WriteLine(builder, line);
        return builder.ToString();
    }

    /// <summary>Writes a sequence of music elements (a bar, a voice's part of a line) without a line ending.</summary>
    public static string Write(IEnumerable<AbcElement> elements)
    {
        var builder = new StringBuilder();
        foreach (var element in elements)
            WriteElement(builder, element);
        return builder.ToString();
    }

    public static string Write(AbcElement element)
    {
        var builder = new StringBuilder();
        WriteElement(builder, element);
        return builder.ToString();
    }

    public static void WriteTune(StringBuilder builder, AbcTune tune)
    {
        ArgumentNullException.ThrowIfNull(tune);
        WriteLines(builder, tune.Header);
        WriteLines(builder, tune.Body);
        WriteLines(builder, tune.Trailer);
    }

    private static void WriteLines(StringBuilder builder, IEnumerable<AbcLine> lines)
    {
        foreach (var line in lines)
            WriteLine(builder, line);
    }

    public static void WriteLine(StringBuilder builder, AbcLine line)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(line);
        if (line.IsFromSource)
        {
            builder.Append(line.Source.Span).Append(line.LineEnding);
            return;
        }
        switch (line)
        {
            case AbcFieldLine field:
                builder.Append(field.Letter).Append(':').Append(field.Value);
                if (field.Comment is not null)
                    builder.Append(field.Comment);
                break;
            case AbcDirectiveLine directive:
                builder.Append("%%").Append(directive.Name);
                if (directive.Arguments.Length > 0)
                    builder.Append(' ').Append(directive.Arguments);
                break;
            case AbcCommentLine comment:
                builder.Append('%').Append(comment.Text);
                break;
            case AbcBlankLine blank:
                builder.Append(blank.Whitespace);
                break;
            case AbcTextLine textLine:
                builder.Append(textLine.Text);
                break;
            case AbcMusicLine music:
                foreach (var element in music.Elements)
                    WriteElement(builder, element);
                break;
            default:
                throw new ArgumentException($"unknown line type {line.GetType().Name}", nameof(line));
        }
        builder.Append(line.LineEnding);
    }

    public static void WriteElement(StringBuilder builder, AbcElement element)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(element);
        if (element.IsFromSource)
        {
            builder.Append(element.Source.Span);
            return;
        }
        switch (element)
        {
            case AbcNote note:
                builder.Append(note.Pitch.ToString()).Append(note.Length.ToString());
                break;
            case AbcRest rest:
                builder.Append(rest.Invisible ? 'x' : 'z').Append(rest.Length.ToString());
                break;
            case AbcMultiMeasureRest rest:
                builder.Append(rest.Invisible ? 'X' : 'Z');
                if (rest.Bars != 1)
                    builder.Append(rest.Bars);
                break;
            case AbcChord chord:
                builder.Append('[');
                foreach (var item in chord.Items)
                    WriteElement(builder, item);
                builder.Append(']').Append(chord.Length.ToString());
                break;
            case AbcGraceGroup grace:
                builder.Append(grace.Acciaccatura ? "{/" : "{");
                foreach (var item in grace.Items)
                    WriteElement(builder, item);
                builder.Append('}');
                break;
            case AbcTie tie:
                builder.Append(tie.Dotted ? ".-" : "-");
                break;
            case AbcSlur slur:
                builder.Append(slur.Opening ? '(' : ')');
                break;
            case AbcBrokenRhythm broken:
                builder.Append(broken.FirstLonger ? '>' : '<', broken.Count);
                break;
            case AbcTuplet tuplet:
                builder.Append('(').Append(tuplet.P);
                if (tuplet.Q is not null || tuplet.R is not null)
                    builder.Append(':').Append(tuplet.Q);
                if (tuplet.R is not null)
                    builder.Append(':').Append(tuplet.R);
                break;
            case AbcDecoration decoration:
                builder.Append(decoration.Style switch
                {
                    AbcDecorationStyle.Bang => $"!{decoration.Name}!",
                    AbcDecorationStyle.Plus => $"+{decoration.Name}+",
                    _ => decoration.Name,
                });
                break;
            case AbcAnnotation annotation:
                builder.Append('"').Append(annotation.Text).Append('"');
                break;
            case AbcBarline barline:
                builder.Append(barline.Symbol).Append(barline.Volta);
                break;
            case AbcVolta volta:
                builder.Append('[').Append(volta.Numbers);
                break;
            case AbcInlineField field:
                builder.Append('[').Append(field.Letter).Append(':').Append(field.Value).Append(']');
                break;
            case AbcSpace space:
                builder.Append(space.Text);
                break;
            case AbcComment comment:
                builder.Append(comment.Text);
                break;
            case AbcContinuation:
                builder.Append('\\');
                break;
            case AbcOverlay overlay:
                builder.Append(overlay.Symbol);
                break;
            case AbcSpacer spacer:
                builder.Append(spacer.Text);
                break;
            case AbcUnknown unknown:
                builder.Append(unknown.Text);
                break;
            default:
                throw new ArgumentException($"unknown element type {element.GetType().Name}", nameof(element));
        }
    }
}
