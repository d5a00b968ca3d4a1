namespace NotaGen.Music.MusicXml;

/// <summary>
/// What the conversion carries across parts: header fields decided by the first measure, the open grace group,
/// open slurs and directions, the key signature's alterations and the running ABC voice number.
/// </summary>
internal sealed class ScoreState(string file, AbcConversionOptions options, CancellationToken cancel = default)
{
    public string File { get; } = file;
    public AbcConversionOptions Options { get; } = options;

    /// <summary>Checked once per measure read and per voice written: a conversion given up on stops there.</summary>
    public CancellationToken Cancel { get; } = cancel;
    public ConversionLog Log { get; } = new();

    public string Key { get; set; } = "none";
    public string Meter { get; set; } = "none";
    public string? Tempo { get; set; }
    public (long Num, long Den) TempoUnit { get; set; } = (1, 4);
    public bool IsSibelius { get; set; }

    /// <summary>Header clef per ABC voice number, in the order the reference lists V: lines.</summary>
    public List<(int Voice, string Clef)> Clefs { get; } = [];

    /// <summary>Per part: its staves, each the ABC voice numbers written on it.</summary>
    public List<List<List<int>>> StaffMap { get; } = [];

    public int NextVoiceNumber { get; set; } = 1;

    /// <summary>MusicXML voices met so far in all parts (for <see cref="ScoreLimits.MaxVoices"/>).</summary>
    public int Voices { get; set; }
    public bool InGrace { get; set; }
    public NoteItem? LastNote { get; set; }
    public Dictionary<string, (string Type, int Voice, NoteItem Note, bool Grace)> OpenSlurs { get; } = [];

    /// <summary>Open wedges/pedals/ottavas by kind+number: the voice they started in, or the time a premature stop was seen.</summary>
    public Dictionary<string, (string Type, long VoiceOrTime)> OpenDirections { get; } = [];

    public int? PedalVoice { get; set; }

    /// <summary>Alterations implied by the key signature in force, by step letter (kept across parts like the reference).</summary>
    public Dictionary<string, int> KeyAlterations { get; set; } = [];
}

/// <summary>Options of the MusicXML → ABC conversion; the defaults are NotaGen's (<c>xml2abc -d 8 -c 6 -x</c>).</summary>
public sealed record AbcConversionOptions
{
    /// <summary>Denominator of the unit note length L: (8 → L:1/8).</summary>
    public int UnitDenominator { get; init; } = 8;

    /// <summary>Bars are gathered on a line while it stays shorter than this many characters.</summary>
    public int CharactersPerLine { get; init; } = 100;

    /// <summary>Write lyrics as w: lines (NotaGen's preprocessing deletes them, so off by default).</summary>
    public bool Lyrics { get; init; }

    public static AbcConversionOptions NotaGen { get; } = new();
}
