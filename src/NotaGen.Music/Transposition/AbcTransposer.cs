using System.Text;
using System.Text.RegularExpressions;
using NotaGen.Music.Abc.Parsing;

namespace NotaGen.Music.Transposition;

/// <summary>
/// Transposes ABC text (standard or NotaGen-interleaved) to a target key, NotaGen style (reference a.5): the interval
/// comes from the tune's key and the target among the 15 keys; every note moves by the same letters and semitones, so
/// notes that follow the key signature stay without accidentals and written accidentals are re-spelled for the
/// target key. Keys (K: lines and inline [K:]), written accidentals and chord-symbol roots/basses change; every other
/// character of the text stays as it was. Built on the ABC engine's parser, whose positions say what to replace.
/// </summary>
public static partial class AbcTransposer
{
    /// <summary>Transposes every tune of the text so that its key signature becomes that of <paramref name="targetKey"/>.</summary>
    /// <param name="targetKey">One of NotaGen's 15 keys (<c>Eb</c>, <c>F#</c>) or a key with a mode (<c>Cm</c>, <c>Ddor</c>), which stands for its signature.</param>
    public static TransposedText ToKey(string text, string targetKey, string file = "<input>")
    {
        var target = TargetSignature(targetKey);
        return Transpose(text, source => Interval.Between(source, target), file);
    }

    /// <summary>Transposes every note by a fixed interval.</summary>
    public static TransposedText ByInterval(string text, Interval interval, string file = "<input>") =>
        Transpose(text, _ => interval, file);

    /// <summary>The signature key a target names; an error for anything that is not a key within 7 sharps or flats.</summary>
    public static SpelledPitch TargetSignature(string targetKey)
    {
        var trimmed = targetKey.Trim();
        var signature = NotaGenKeys.All.Contains(trimmed)
            ? SpelledPitch.Parse(trimmed)
            : trimmed.StartsWith("none", StringComparison.Ordinal) ? null : NotaGenKeys.SignatureKey(trimmed);
        if (signature is null || Math.Abs(signature.Value.Fifths) > 7)
            throw new ArgumentException($"'{targetKey}' is not a key to transpose to: use one of {string.Join(" ", NotaGenKeys.All)} or a key with a mode such as Am or Ddor");
        return signature.Value;
    }

    private static TransposedText Transpose(string text, Func<SpelledPitch, Interval> intervalFromSource, string file)
    {
        var document = AbcParser.Parse(text, file).ThrowIfErrors();
        var edits = new List<TextEdit>();
        var respelled = 0;
        Interval? first = null;
        foreach (var tune in document.Tunes)
        {
            var source = NotaGenKeys.SignatureKey(tune.HeaderValue('K') ?? "C") ?? new SpelledPitch('C', 0);
            var interval = intervalFromSource(source);
            first ??= interval;
            var walker = new TuneTransposer(interval, edits, file);
            foreach (var line in tune.Header)
                walker.Visit(line, inHeader: true);
            foreach (var line in tune.Body.Concat(tune.Trailer))
                walker.Visit(line, inHeader: false);
            respelled += walker.Respelled;
        }
        return new TransposedText(Apply(text, edits), first ?? intervalFromSource(new SpelledPitch('C', 0)), respelled);
    }

    private static string Apply(string text, List<TextEdit> edits)
    {
        edits.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var result = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var edit in edits)
        {
            result.Append(text, at, edit.Offset - at).Append(edit.Replacement);
            at = edit.Offset + edit.Length;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    [GeneratedRegex(@"^\s*(none|[A-G][#b]?)")]
    internal static partial Regex Tonic();
}
