using System.Globalization;
using System.Text.RegularExpressions;

namespace NotaGen.Generation.Constraints;

/// <summary>
/// The fixed parts of the language the constraint accepts, for one request: NotaGen's interleaved training format
/// (reference a.3) as xml2abc writes it. Header, in this order: up to three <c>%</c> lines (the prompt), <c>%%score</c>
/// (voice numbers 1 … n once each, voice 1 first and the others in any order, as xml2abc groups staves, e.g.
/// <c>1 { ( 2 4 ) | 3 }</c>; <c>( ) { } [ ] |</c> groups, single spaces, brackets balanced; see ScoreCursor.cs),
/// <c>L:1/8</c>, an optional <c>Q:</c>, <c>M:</c>, <c>K:</c> (each from a fixed set, or forced), then one <c>V:</c> line
/// per voice of <c>%%score</c> in its order, each with a clef from <see cref="Clefs"/> and optional <c>nm="…"</c> /
/// <c>snm="…"</c> (with <c>\n</c> line breaks, as xml2abc writes <c>Singstimme\nVoice</c>).
/// Body: one bar per line, <c>[r:i/j]</c> counters, voices ascending, each at most once, notes with lengths from
/// <see cref="NoteLengths"/>, chords, ties and slurs (over the bar line too, see ScoreCursor.Carry.cs), tuplets
/// <c>(p</c> and <c>(p:q:r</c>, grace groups,
/// decorations from <see cref="Decorations"/> (tremolos only on notes: abcm2ps) and the staccato dot, fermatas held by
/// every voice at the same onset with the same length (ScoreCursor.Fermata.cs), <c>"^…"</c>/<c>"_…"</c> annotations,
/// broken rhythm (<c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c>, <c>&lt;&lt;</c>, see ScoreCursor.Broken.cs), ties (an
/// optional space before a tied note in the bar; over the bar line the voice's next bar starts with the tied note),
/// barlines from <see cref="Barlines"/> shared by all voices of a line, repeats <c>|:</c> <c>:|</c> <c>::</c> balanced
/// per piece (ScoreCursor.Repeats.cs).
/// Refused, and why: inline fields (<c>[K:]</c>, <c>[M:]</c>; the option the issue allows: a change would have to
/// reach every voice of the line; they are the first refusal in about 3% of the training data's bars, see
/// bench/constraint-coverage.sh); chord symbols (nearly all of the data's are Roman-numeral analyses such as
/// <c>"CV7"</c>, which abc2midi rejects: "Unrecognized chord name"; real ones it plays as accompaniment, which the
/// prompt never asked for); lengths inside chords and grace groups (about 1% of bars); ties from chords, into tuplets
/// or slurs, or with marks before the tied note; endings <c>|1</c> <c>:|2</c> (the restoring split reads a volta
/// number at the end of a voice's text as a bar of its own); more than 15 voices (abc2midi: "All 16 MIDI channels
/// used up").
/// </summary>
public sealed partial class ScoreGrammar
{
    // abc2midi gives each voice a MIDI channel of its own, the drum channel excepted ("All 16 MIDI channels used up").
    public const int MaxVoices = 15;
    public const int MaxVoiceId = MaxVoices;
    public const int MaxBarCount = 256;
    public const int MaxCommentLines = 3;
    public const int MaxCommentLength = 60;
    public const int MaxNameLength = 24;
    // NotaGen's cleaning drops an annotation longer than 40 characters with its quotes and placement sign.
    public const int MaxAnnotationLength = 37;
    public const int MaxPendingMarks = 3;
    public const int MaxChordNotes = 6;
    public const int MaxGraceNotes = 4;
    public const int MaxSyntaxElements = 64;

    public static readonly string[] Clefs = ["treble", "bass", "alto", "tenor", "treble-8"];

    public static readonly string[] Decorations =
        ["p", "pp", "ppp", "mp", "mf", "f", "ff", "fff", "sfz", "trill", "accent", "tenuto", "mordent", "turn", "upbow", "downbow",
            ">", "^", "wedge", "/", "//", "<(", "<)", ">(", ">)", "ped", "ped-up", "arpeggio", "breath", "plus", "fermata"];

    // The order is ScoreCursor.Repeats.cs's: plain, double, final, then the repeats.
    public static readonly string[] Barlines = ["|", "||", "|]", "|:", ":|", "::"];

    public static readonly string[] Keys =
    [
        "C", "G", "D", "A", "E", "B", "F#", "C#", "F", "Bb", "Eb", "Ab", "Db", "Gb", "Cb",
        "Am", "Em", "Bm", "F#m", "C#m", "G#m", "D#m", "A#m", "Dm", "Gm", "Cm", "Fm", "Bbm", "Ebm", "Abm",
        "Amin", "Emin", "Bmin", "F#min", "C#min", "G#min", "D#min", "A#min", "Dmin", "Gmin", "Cmin", "Fmin", "Bbmin", "Ebmin", "Abmin",
    ];

    private static readonly string[] TempoBeats = ["1/2", "1/4", "1/8", "3/8", "3/4", "3/16", "1/16", "1/1", "3/2"];

    // Shared by every grammar without forced lines (the tempo set alone has ~2,500 spellings).
    // Trie values: 0 for a tempo line, the bar length in ticks for a meter line.
    private static readonly Lazy<StringTrie> FreeTempoOrMeter = new(() => new StringTrie(TempoLines().Select(t => (t, 0)).Concat(MeterLines())));
    private static readonly Lazy<StringTrie> FreeMeter = new(() => new StringTrie(MeterLines()));
    private static readonly Lazy<StringTrie> FreeKey = new(() => new StringTrie(Keys.Select(k => ("K:" + k + "\n", 0))));

    internal static readonly StringTrie UnitLine = new(["L:1/8\n"]);
    internal static readonly StringTrie ClefTrie = new(Clefs.SelectMany(c => new[] { c + "\n", c + " " }));
    internal static readonly StringTrie AttributeTrie = new([("nm=\"", 1), ("snm=\"", 2)]);
    internal static readonly StringTrie DecorationTrie = new(Decorations.Select((d, i) => (d + "!", i)));
    internal static readonly int Breath = Array.IndexOf(Decorations, "breath");
    internal static readonly int Trill = Array.IndexOf(Decorations, "trill");
    internal static readonly int Tremolo = Array.IndexOf(Decorations, "/");
    internal static readonly int DoubleTremolo = Array.IndexOf(Decorations, "//");
    internal static readonly int Fermata = Array.IndexOf(Decorations, "fermata");

    /// <summary>Per decoration trie node: true when the only name at or below it is the fermata.</summary>
    internal static readonly bool[] FermataOnly = DecorationTrie.SubtreeValues().Select(v => v is [var only] && only == Fermata).ToArray();
    internal static readonly StringTrie BarlineTrie = new(Barlines.Select((b, i) => (b, i)));
    internal static readonly int[][] BarlinesBelow = BarlineTrie.SubtreeValues();
    internal static readonly StringTrie[] ForcedBarline = Barlines.Select(b => new StringTrie([(b, Array.IndexOf(Barlines, b))])).ToArray();

    /// <param name="level">Syntax or Structure (None needs no grammar).</param>
    /// <param name="meter">Forced <c>M:</c> value, e.g. 3/4; null lets the model choose.</param>
    /// <param name="key">Forced <c>K:</c> value, e.g. G or Am.</param>
    /// <param name="tempo">Forced <c>Q:</c> value, e.g. 1/4=96.</param>
    /// <param name="bars">Forced number of bars (the counters <c>[r:0/bars-1]</c> …).</param>
    public ScoreGrammar(ConstraintLevel level, string? meter = null, string? key = null, string? tempo = null, int? bars = null)
    {
        if (level == ConstraintLevel.None)
            throw new ArgumentException("the None level has no grammar");
        Level = level;
        if (meter is not null && MeterTicks(meter) is null)
            throw new ArgumentException($"meter '{meter}' is not one the constraint can fill: give p/q with p from 1 to 12 and q one of 1, 2, 4, 8, 16, or C, C|");
        if (key is not null && !Keys.Contains(key))
            throw new ArgumentException($"key '{key}' is not one the constraint knows: {string.Join(", ", Keys)}");
        if (tempo is not null && !TempoPattern().IsMatch(tempo))
            throw new ArgumentException($"tempo '{tempo}' is not of the form 1/4=96");
        if (bars is < 1 or > MaxBarCount)
            throw new ArgumentOutOfRangeException(nameof(bars), bars, $"the constraint writes from 1 to {MaxBarCount} bars");
        Bars = bars;
        TempoForced = tempo is not null;
        TempoOrMeter = tempo is not null ? new StringTrie([("Q:" + tempo + "\n", 0)]) : meter is not null
            ? new StringTrie(TempoLines().Select(t => (t, 0)).Append(("M:" + meter + "\n", MeterTicks(meter)!.Value)))
            : FreeTempoOrMeter.Value;
        Meter = meter is not null ? new StringTrie([("M:" + meter + "\n", MeterTicks(meter)!.Value)]) : FreeMeter.Value;
        Key = key is not null ? new StringTrie([("K:" + key + "\n", 0)]) : FreeKey.Value;
    }

    public ConstraintLevel Level { get; }

    public int? Bars { get; }

    internal bool TempoForced { get; }

    /// <summary>The line after <c>L:</c>: a tempo line (optional unless forced) or the meter line.</summary>
    internal StringTrie TempoOrMeter { get; }

    internal StringTrie Meter { get; }

    internal StringTrie Key { get; }

    /// <summary>The state before the first character of a piece.</summary>
    public ScoreCursor Start() => ScoreCursor.Begin(this);

    /// <summary>The bar length of an <c>M:</c> value in ticks of L/8 with <c>L:1/8</c>, or null when outside the accepted set.</summary>
    public static int? MeterTicks(string meter)
    {
        switch (meter)
        {
            case "C":
                return 64;
            case "C|":
                return 64;
        }
        var match = MeterPattern().Match(meter);
        if (!match.Success)
            return null;
        var (p, q) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        if (p is < 1 or > 12 || q is not (1 or 2 or 4 or 8 or 16))
            return null;
        return 64 * p / q;
    }

    private static IEnumerable<string> TempoLines() =>
        TempoBeats.SelectMany(beat => Enumerable.Range(20, 281).Select(n => $"Q:{beat}={n}\n"));

    private static IEnumerable<(string Line, int Ticks)> MeterLines()
    {
        foreach (var q in new[] { 1, 2, 4, 8, 16 })
        {
            for (var p = 1; p <= 12; p++)
                yield return ($"M:{p}/{q}\n", 64 * p / q);
        }
        yield return ("M:C\n", 64);
        yield return ("M:C|\n", 64);
    }

    [GeneratedRegex(@"^([0-9]{1,2})/([0-9]{1,2})$")]
    private static partial Regex MeterPattern();

    [GeneratedRegex(@"^[1-9][0-9]?/[1-9][0-9]?=[1-9][0-9]{0,2}$")]
    private static partial Regex TempoPattern();
}
