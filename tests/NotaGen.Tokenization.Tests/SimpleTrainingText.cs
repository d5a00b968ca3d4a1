using System.Text;
using System.Text.RegularExpressions;

namespace NotaGen.Tokenization.Tests;

/// <summary>
/// Builds a training-format-like document from a standard xml2abc file for tokenizer tests: NotaGen's header filter
/// (drop X: T: C: W: w: Z: %%MIDI), then one <c>[V:n]</c> line per source body line (bar-number comments removed),
/// non-ASCII transliterated to '?'. Not the real interleaver (that is the notagen-format branch's work); it has the
/// same ingredients: header lines, <c>[V:</c> body lines, every barline kind the source uses.
/// </summary>
internal static partial class SimpleTrainingText
{
    [GeneratedRegex(@"^V:(\S+)\s*$")]
    private static partial Regex VoiceSection();

    [GeneratedRegex(@"\s*%\d+\s*$")]
    private static partial Regex BarNumberComment();

    private static readonly string[] DroppedHeaders = ["X:", "T:", "C:", "W:", "w:", "Z:", "%%MIDI"];

    public static string FromXml2Abc(string abc)
    {
        var text = new StringBuilder();
        string? voice = null;
        foreach (var raw in abc.Split('\n'))
        {
            var line = Ascii(raw.TrimEnd('\r'));
            if (line.Trim().Length == 0 || DroppedHeaders.Any(h => line.StartsWith(h, StringComparison.Ordinal)))
                continue;
            var section = VoiceSection().Match(line);
            if (section.Success)
            {
                voice = section.Groups[1].Value;
                continue;
            }
            if (voice is null)
                text.Append(line).Append('\n');
            else
                text.Append("[V:").Append(voice).Append(']').Append(BarNumberComment().Replace(line, "").Trim()).Append('\n');
        }
        return text.ToString();
    }

    private static string Ascii(string line) =>
        new(line.Select(c => PatchVocabulary.IsTextCharacter(c) ? c : '?').ToArray());
}
