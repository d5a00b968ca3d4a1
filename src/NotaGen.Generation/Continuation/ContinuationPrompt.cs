using System.Globalization;
using System.Text;
using NotaGen.Generation.Constraints;
using NotaGen.Music;
using NotaGen.Music.MusicXml;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Music.Scores;
using NotaGen.Tokenization;

namespace NotaGen.Generation.Continuation;

/// <summary>How a score is taken as the start of a continuation.</summary>
/// <param name="Constraint">The constraint the continuation is written under; the prompt must be inside its grammar.</param>
/// <param name="MoreBars">Bars the model writes after the prompt.</param>
/// <param name="PromptBars">Keep only the score's first bars (null: all of them).</param>
/// <param name="PromptLines">The style prompt lines the generator puts first (they count as header comment lines).</param>
public sealed record ContinuationSettings(ConstraintLevel Constraint, int MoreBars = 8, int? PromptBars = null, IReadOnlyList<string>? PromptLines = null);

/// <summary>
/// A score read to be continued, in NotaGen's format (cleaned, interleaved, rest-reduced): the one place where the CLI's
/// <c>--continue</c>, the web page's upload and the notebooks turn a file into a prompt. ABC in NotaGen's interleaved
/// form is read as it is; standard ABC goes the way NotaGen's own data went, to MusicXML and back through the xml2abc
/// conversion (voices, <c>L:1/8</c>, NotaGen's header order); MusicXML and MIDI are read as <c>notagen convert</c>
/// reads them. The first bars are kept (<see cref="ContinuationSettings.PromptBars"/>), what carries no duration and the
/// grammar cannot hold is dropped (<see cref="PromptNormaliser"/>, said in <see cref="Changes"/>), and under a
/// constraint the whole prompt is run through its automaton: a construct it refuses is a
/// <see cref="MusicFormatException"/> naming the file, the bar, the voice and the construct.
/// </summary>
/// <param name="Source">The file as the user named it.</param>
/// <param name="Text">The prompt in NotaGen's format, for <see cref="PieceRequest.Continue"/>.</param>
/// <param name="Bars">Bars of the prompt.</param>
/// <param name="SourceBars">Bars of the whole score (before <see cref="ContinuationSettings.PromptBars"/> cut it).</param>
/// <param name="Changes">What the normalisation added or dropped, one line per kind.</param>
public sealed record ContinuationPrompt(string Source, string Text, int Bars, int SourceBars, IReadOnlyList<string> Changes)
{
    /// <summary>Reads <paramref name="path"/>; errors name <paramref name="label"/> (default: the path).</summary>
    public static ContinuationPrompt ReadFile(string path, ContinuationSettings settings, string? label = null, Action<string>? warn = null)
    {
        label ??= path;
        string notaGen;
        try
        {
            notaGen = NotaGenText.FromStandardAbc(ReadStandardAbc(path, warn), label);
        }
        catch (MusicFormatException e) when (e.File != label)
        {
            // The readers name the path they read, which may be a server's temporary copy: name the file as the user knows it.
            throw new MusicFormatException(label, e.Location, e.Problem, e);
        }
        return FromNotaGenText(notaGen, label, settings);
    }

    /// <summary>A prompt from a piece already in NotaGen's format.</summary>
    public static ContinuationPrompt FromNotaGenText(string piece, string label, ContinuationSettings settings)
    {
        if (settings.MoreBars < 1)
            throw new ArgumentException($"a continuation needs at least 1 more bar, got {settings.MoreBars}");
        if (settings.PromptBars is < 1)
            throw new ArgumentException($"the number of bars to keep from {label} must be at least 1, got {settings.PromptBars}");
        var lines = DocumentLines.ForTraining(piece);
        var bodyLines = lines.Body.Where(l => l.Contains("[V:", StringComparison.Ordinal)).ToList();
        if (bodyLines.Count == 0)
            throw new MusicFormatException(label, "", "the score has no bars to continue");
        var kept = Math.Min(settings.PromptBars ?? bodyLines.Count, bodyLines.Count);
        var (text, changes) = PromptNormaliser.Normalise(string.Concat(lines.Header) + string.Concat(bodyLines.Take(kept)));
        var prompt = new ContinuationPrompt(label, text, kept, bodyLines.Count, changes);
        if (settings.Constraint != ConstraintLevel.None)
            prompt.Check(settings);
        return prompt;
    }

    /// <summary>Runs the constraint's automaton over the prompt as the generator will lay it out.</summary>
    private void Check(ContinuationSettings settings)
    {
        var layout = ContinuationText.Of(Text, settings.MoreBars);
        if (layout.TotalBars > ScoreGrammar.MaxBarCount)
            throw new ArgumentException($"{Source}: {layout.PromptBars} bars and {layout.MoreBars} more make {layout.TotalBars}, more than the "
                + $"{ScoreGrammar.MaxBarCount} the constraint writes; keep fewer of the score's bars");
        var prompt = PromptLines.Write(settings.PromptLines ?? []);
        var full = prompt + layout.Header + layout.Body;
        var grammar = new ScoreGrammar(settings.Constraint, bars: layout.TotalBars);
        var cursor = grammar.Start();
        if (cursor.AdvanceText(full, out var failed))
            return;

        var before = grammar.Start();
        before.AdvanceText(full.AsSpan(0, failed), out _);
        var lineStart = full.LastIndexOf('\n', Math.Max(0, failed - 1)) + 1;
        if (failed == 0)
            lineStart = 0;
        var lineEnd = full.IndexOf('\n', failed);
        var line = full[lineStart..(lineEnd < 0 ? full.Length : lineEnd)];
        var column = failed - lineStart + 1;
        var bodyStart = prompt.Length + layout.Header.Length;
        string location;
        if (failed < bodyStart)
        {
            location = $"header line '{line}', column {column}";
        }
        else
        {
            var bar = full.AsSpan(bodyStart, lineStart - bodyStart).Count('\n') + 1;
            var voice = line.LastIndexOf("[V:", column - 1, StringComparison.Ordinal) is var v and >= 0
                ? line[(v + 3)..line.IndexOf(']', v)] : null;
            location = $"bar {bar}" + (voice is null ? "" : $", voice {voice}") + $", column {column}";
        }
        var alternative = settings.Constraint == ConstraintLevel.Structure && new ScoreGrammar(ConstraintLevel.Syntax, bars: layout.TotalBars).Start().AdvanceText(full, out _)
            ? "continue it under the syntax constraint (its syntax is accepted; bar lengths would not be held) or none"
            : "continue it with the constraint none";
        throw new MusicFormatException(Source, location,
            $"the {settings.Constraint.ToString().ToLowerInvariant()} constraint's grammar refuses {Construct(line, column - 1)} "
            + $"(the grammar's state there: {before.Describe()}); {alternative}");
    }

    /// <summary>What the refused character starts or belongs to, in words, with the text from there.</summary>
    private static string Construct(string line, int at)
    {
        // An inline field is refused at its letter, once '[' has been read as a chord's start.
        if (at > 0 && line[at - 1] == '[' && at + 1 < line.Length && line[at + 1] == ':')
            at--;
        var rest = line[at..];
        var shown = rest.Length > 16 ? rest[..16] + "…" : rest;
        var kind = rest switch
        {
            _ when rest.Length > 2 && rest[0] == '[' && char.IsAsciiLetter(rest[1]) && rest[2] == ':' => "an inline field",
            _ when rest.StartsWith('>') || rest.StartsWith('<') => "broken rhythm",
            _ when rest.StartsWith('-') => "a tie",
            _ when rest.StartsWith('(') => "a slur or tuplet",
            _ when rest.StartsWith('|') || rest.StartsWith(':') => "a barline (the bar's length does not fill the meter, or the barline is not one of | || |])",
            _ when rest.StartsWith(')') => "the end of a slur",
            _ => "the text",
        };
        return $"{kind} at '{shown}'";
    }

    /// <summary>A model text piece or a standard score, as standard ABC the xml2abc way.</summary>
    private static string ReadStandardAbc(string path, Action<string>? warn)
    {
        if (ScoreFormats.Of(path) != ScoreFormat.Abc)
            return ScoreFiles.Load(path, new ScoreReadOptions(), warn);
        var text = File.ReadAllText(path, Encoding.UTF8);
        if (NotaGenText.IsInterleaved(text))
            return ScoreFiles.Load(path, new ScoreReadOptions(InterleavedAbc: true), warn);
        // NotaGen's training data was ABC written by xml2abc from MusicXML: standard ABC goes the same way.
        return MusicXmlToAbc.Convert(AbcToMusicXml.FromAbc(text, path), path).Abc;
    }

    /// <summary>A line for a log: the file, the bars taken, and what was changed.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Source}: {Bars} bar(s) as the prompt")
        + (Bars < SourceBars ? $" (of {SourceBars})" : "")
        + (Changes.Count == 0 ? "" : "; " + string.Join("; ", Changes));
}
