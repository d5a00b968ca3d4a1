using System.Text.RegularExpressions;

namespace NotaGen.Music.NotaGenFormat;

/// <summary>
/// NotaGen's cleaning of standard ABC before interleaving (reference a.1, steps 1–7, in that order):
/// drop blank lines and fold to ASCII; drop <c>X: T: C: W: w: Z: %%MIDI</c> lines; drop end-of-line bar-number
/// comments in the body; delete <c>\"</c> in music lines; delete quoted strings that contain a barline; reject a tune
/// whose voices have different bar counts; delete empty annotations, shorten runs of repeated punctuation in
/// <c>^</c>/<c>_</c> annotations and delete those still longer than 40 characters. Chord symbols are left alone.
/// </summary>
public static partial class Cleaner
{
    public const int MaxAnnotationLength = 40;

    private static readonly string[] RemovedFieldPrefixes = ["X:", "T:", "C:", "W:", "w:", "Z:", "%%MIDI"];

    public static CleaningResult Clean(string text, string file = "<input>")
    {
        // Steps 1-2: blank lines, ASCII, removed fields.
        var lines = AbcLines.Split(text)
            .Where(line => line.Trim().Length > 0)
            .Select(AsciiFolding.Fold)
            .Where(line => !RemovedFieldPrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        // Step 3: bar-number comments ("... |] %31") at the ends of tune-body lines.
        var bodyStart = lines.FindLastIndex(line => line.Trim() == "V:1");
        if (bodyStart < 0)
            return CleaningResult.Rejected("no line 'V:1' starts the tune body");
        for (var i = bodyStart; i < lines.Count; i++)
            lines[i] = BarNumberComment().Replace(lines[i], "");

        for (var i = 0; i < lines.Count; i++)
        {
            // Step 4: escaped quotes inside music lines (not fields, not comments).
            if (!AbcLines.IsFieldLine(lines[i]) && !lines[i].StartsWith('%'))
                lines[i] = lines[i].Replace("\\\"", "", StringComparison.Ordinal);
            // Step 5: a quoted string holding a barline would split a bar in the middle.
            lines[i] = Quoted().Replace(lines[i], quoted => NotaGenBarlines.ContainedIn(quoted.Value) ? "" : quoted.Value);
        }

        // Step 6: every voice must have as many bars as V:1.
        var cleaned = string.Concat(lines.Select(line => line + "\n"));
        var tune = StandardTune.Parse(cleaned, file);
        var bars = tune.Voices.Select(v => v.SplitBars().Bars.Count).ToList();
        for (var v = 1; v < bars.Count; v++)
            if (bars[v] != bars[0])
                return CleaningResult.Rejected(
                    $"unequal bar numbers: V:{tune.Voices[v].Id} has {bars[v]} bars, V:{tune.Voices[0].Id} has {bars[0]}");

        // Step 7: text annotations.
        for (var i = 0; i < lines.Count; i++)
            lines[i] = CleanAnnotations(lines[i]);
        return CleaningResult.Accepted(string.Concat(lines.Select(line => line + "\n")));
    }

    /// <summary>Step 7 on one line: <c>""</c> goes; <c>^</c>/<c>_</c> annotations lose repeated punctuation and go if longer than 40.</summary>
    public static string CleanAnnotations(string line) => Quoted().Replace(line, quoted =>
    {
        // One pass over the matches; NotaGen replaces every copy of a match, which is the same for aligned copies.
        var value = quoted.Value;
        if (value == "\"\"")
            return "";
        if (value[1] is not ('^' or '_'))
            return value;
        var shortened = RepeatedPunctuation().Replace(value, "$1");
        return shortened.Length <= MaxAnnotationLength ? shortened : "";
    });

    [GeneratedRegex(@"%\d+\s*$")]
    private static partial Regex BarNumberComment();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"([^a-zA-Z0-9])\1+")]
    private static partial Regex RepeatedPunctuation();
}
