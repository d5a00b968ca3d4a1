using System.Text;

namespace NotaGen.Music.Midi;

/// <summary>
/// General MIDI programs (0-based) and the choice of one from an instrument or part name as scores write it, in
/// English, German, Italian or French, in full or abbreviated ("Violino I", "Vc.", "Flöte", "Cor anglais").
/// </summary>
public static class GeneralMidiProgram
{
    public const int AcousticGrandPiano = 0;
    public const int Harpsichord = 6;
    public const int ChurchOrgan = 19;
    public const int Violin = 40;
    public const int Viola = 41;
    public const int Cello = 42;
    public const int Contrabass = 43;
    public const int Harp = 46;
    public const int Timpani = 47;
    public const int StringEnsemble = 48;
    public const int ChoirAahs = 52;
    public const int VoiceOohs = 53;
    public const int Flute = 73;

    /// <summary>The family a program belongs to (program / 8).</summary>
    public static GeneralMidiFamily FamilyOf(int program) =>
        program is < 0 or > 127
            ? throw new ArgumentOutOfRangeException(nameof(program), program, "General MIDI programs are 0..127.")
            : (GeneralMidiFamily)(program / 8);

    /// <summary>The program for an instrument name, or null when no rule matches.</summary>
    public static int? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var words = Words(name);
        foreach (var (phrases, program) in Rules)
        {
            if (phrases.Any(phrase => Contains(words, phrase)))
                return program;
        }
        return null;
    }

    /// <summary>The program for the first of the names that matches a rule, or Acoustic Grand Piano.</summary>
    public static int ForInstrument(params string?[] names) =>
        names.Select(FromName).FirstOrDefault(p => p is not null) ?? AcousticGrandPiano;

    // Checked in order, so specific names come before the words they contain or start with ("violoncello" before
    // "viol*", "contrabassoon" before "contrabass*", "english horn" before "horn", instruments before voice parts).
    // A word ending in '*' matches any word it begins; other words match whole words only.
    private static readonly (string[] Phrases, int Program)[] Rules =
    [
        (["violoncell*", "cello*", "celli", "vc", "vlc", "vcl"], Cello),
        (["contrabassoon*", "contrafagott*", "contrebasson*", "controfagott*", "bassoon*", "fagott*", "basson*", "bsn", "bn", "fg", "fag"], 70),
        (["contrabass*", "kontrabass*", "contrebass*", "contrabbass*", "double bass*", "string bass", "cb", "kb", "db"], Contrabass),
        (["viola", "viole", "violas", "bratsche*", "vla", "va"], Viola),
        (["violin*", "violon", "violons", "geige*", "vl", "vln", "vn", "vni"], Violin),
        (["strings", "streicher", "archi", "cordes", "string orchestra", "string ensemble"], StringEnsemble),
        (["pizzicato", "pizz"], 45),
        (["harpsichord*", "cembal*", "clavicembal*", "clavecin*", "continuo", "hpd", "cemb"], Harpsichord),
        (["organ*", "orgel*", "organo", "orgue*", "org"], ChurchOrgan),
        (["harmonium"], 20),
        (["accordion*", "akkordeon*", "fisarmonica", "accordeon*"], 21),
        (["harmonica", "mundharmonika"], 22),
        (["celesta", "celesta*"], 8),
        (["glockenspiel*", "campanelli"], 9),
        (["vibraphon*"], 11),
        (["marimba*"], 12),
        (["xylophon*", "xilofono"], 13),
        (["tubular bell*", "chimes", "glocken", "campane", "cloches"], 14),
        (["harp*", "harfe*", "arpa", "arpe", "hp", "hrp"], Harp),
        (["timpan*", "pauke*", "timbale*", "timp", "pk"], Timpani),
        (["guitar*", "gitarr*", "chitarr*", "guitare*", "lute", "laute", "liuto", "luth", "theorbo", "gtr"], 24),
        (["mandolin*"], 25),
        (["english horn", "cor anglais", "corno inglese", "englischhorn", "eh"], 69),
        (["soprano sax*", "sopranosax*"], 64),
        (["tenor sax*", "tenorsax*"], 66),
        (["baritone sax*", "baritonsax*"], 67),
        (["sax*", "alto sax*", "altsax*"], 65),
        (["bass clarinet*", "bassklarinette*", "clarinetto basso", "clarinette basse"], 71),
        (["clarinet*", "klarinett*", "clarinett*", "clarinette*", "cl", "clt", "kl", "clar"], 71),
        (["oboe*", "oboi", "hautbois", "ob"], 68),
        (["piccolo*", "ottavino", "kleine flote", "petite flute", "picc"], 72),
        (["recorder*", "blockflote*", "flauto dolce", "flute a bec", "flauto a becco"], 74),
        (["pan flute", "panflote", "pan pipes"], 75),
        (["flute*", "flote*", "flauto", "flauti", "traverso", "traversiere", "fl"], Flute),
        (["trumpet*", "trompete*", "tromba", "trombe", "trompette*", "clarino", "tpt", "trp", "tr"], 56),
        (["trombone*", "posaune*", "tromboni", "tbn", "trb", "pos"], 57),
        (["tuba*", "tb", "tba"], 58),
        (["horn*", "corno", "corni", "cor", "cors", "hn", "hr"], 60),
        (["brass"], 61),
        (["piano*", "klavier*", "clavier*", "fortepiano", "pianoforte", "pno", "pf"], AcousticGrandPiano),
        (["choir", "chor", "chorus", "coro", "choeur", "soprano*", "sopran", "sopr", "mezzo*", "alto", "alt", "contralto",
          "tenor*", "tenore", "ten", "bass", "basso", "bassi", "basse", "bariton*", "baryton", "satb"], ChoirAahs),
        (["voice*", "voce", "voci", "voix", "stimme", "singstimme", "canto", "cantus", "vox", "gesang", "vocal*"], VoiceOohs),
    ];

    private static bool Contains(string[] words, string phrase)
    {
        var parts = phrase.Split(' ');
        for (var start = 0; start + parts.Length <= words.Length; start++)
        {
            var all = true;
            for (var i = 0; i < parts.Length && all; i++)
                all = Matches(words[start + i], parts[i]);
            if (all)
                return true;
        }
        return false;
    }

    private static bool Matches(string word, string pattern) =>
        pattern.EndsWith('*')
            ? word.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            : word == pattern;

    /// <summary>Lower-case letter runs with accents folded ("Flöte 1." → ["flote"]), so rules need only one spelling.</summary>
    private static string[] Words(string name)
    {
        var folded = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var letter = Fold(c);
            folded.Append(char.IsAsciiLetterLower(letter) ? letter : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    // The accented letters of instrument names in the four languages; InvariantGlobalization rules out Normalize().
    private static char Fold(char c) => c switch
    {
        'à' or 'á' or 'â' or 'ä' or 'å' or 'ã' => 'a',
        'è' or 'é' or 'ê' or 'ë' => 'e',
        'ì' or 'í' or 'î' or 'ï' => 'i',
        'ò' or 'ó' or 'ô' or 'ö' or 'õ' => 'o',
        'ù' or 'ú' or 'û' or 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ß' => 's',
        'œ' => 'o',
        _ => c,
    };
}
