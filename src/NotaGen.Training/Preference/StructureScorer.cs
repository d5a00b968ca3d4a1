using System.Text.RegularExpressions;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Tokenization;

namespace NotaGen.Training.Preference;

/// <summary>
/// The first scorer: validity and bar alignment read from the text's structure, without a full ABC parser. Valid: the
/// piece encodes with NotaGen's tokenizer, has a K: line and a body, and every body line carries every voice the header
/// declares. Aligned: on each body line all voices have the same number of barlines (NotaGen's first chosen-set filter
/// checks barlines and bar counts across voices). Score = 0 for an invalid piece, otherwise 0.5 + 0.5 × the share of
/// aligned lines; only fully aligned valid pieces are eligible as "chosen". Bar DURATIONS are not checked here: that
/// needs the ABC engine (a later scorer).
/// </summary>
public sealed partial class StructureScorer : IPieceScorer
{
    [GeneratedRegex(@"^V:\s*(\S+)")]
    private static partial Regex VoiceDeclaration();

    [GeneratedRegex(@"\[V:\s*([^\]\s]+)\]")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"\|\]|\|\||\[\||:\||\|:|::|\|")]
    private static partial Regex Barline();

    public string Name => "structure";

    public PieceScore Score(string piece, StylePrompt? prompt)
    {
        var text = BarCounters.StripAll(piece);
        if (!text.All(PatchVocabulary.IsTextCharacter)) return new PieceScore(0, false, "non-ASCII text");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var body = lines.Where(l => l.StartsWith("[V:", StringComparison.Ordinal)).ToList();
        var declared = lines.Select(l => VoiceDeclaration().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        if (!lines.Any(l => l.StartsWith("K:", StringComparison.Ordinal)) || body.Count == 0 || declared.Count == 0)
            return new PieceScore(0, false, "no K: line, voice declarations or body");

        var aligned = 0;
        foreach (var line in body)
        {
            var tags = VoiceTag().Matches(line).ToList();
            var voices = tags.Select(m => m.Groups[1].Value).ToList();
            if (!declared.SetEquals(voices) || voices.Count != declared.Count)
                return new PieceScore(0, false, $"a body line does not carry each declared voice once: {line[..Math.Min(40, line.Length)]}");
            var barCounts = tags.Select((tag, i) =>
            {
                var end = i + 1 < tags.Count ? tags[i + 1].Index : line.Length;
                return Barline().Matches(line[tag.Index..end]).Count;
            }).Distinct().Count();
            if (barCounts == 1) aligned++;
        }
        var share = (double)aligned / body.Count;
        return new PieceScore(0.5 + 0.5 * share, share == 1, share == 1 ? null : $"{body.Count - aligned} of {body.Count} lines misaligned");
    }
}
